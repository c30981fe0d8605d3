import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-slate-500">404</p>
        <h1 className="mt-1 text-lg font-semibold text-slate-900">Not found</h1>
        <p className="mt-2 text-sm text-slate-600">The page or article does not exist, or it was removed.</p>
        <Link href="/" className={`${buttonClasses("secondary")} mt-4`}>
          Back to articles
        </Link>
      </div>
    </main>
  );
}

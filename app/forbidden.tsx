import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-red-700">403</p>
        <h1 className="mt-1 text-lg font-semibold text-slate-900">You do not have access to this page</h1>
        <p className="mt-2 text-sm text-slate-600">
          Your role does not allow it. Ask an administrator if you need access.
        </p>
        <Link href="/" className={`${buttonClasses("secondary")} mt-4`}>
          Back to articles
        </Link>
      </div>
    </main>
  );
}

import "server-only";
import { revalidatePath } from "next/cache";

// What an action re-renders after a write. Not a 'use server' file: nothing here can be called from a browser.

/** Up to this many article pages are revalidated one by one; beyond, every article page at once. */
const PAGES_ONE_BY_ONE = 20;

/** The list and the pages of the articles that changed. */
export function revalidateArticles(articleIds: number[]): void {
  if (articleIds.length > PAGES_ONE_BY_ONE) return revalidateAllArticles();
  revalidatePath("/");
  for (const id of articleIds) revalidatePath(`/articles/${id}`);
}

/** The list and every article page (after an undo, or a change to a tag every article may show). */
export function revalidateAllArticles(): void {
  revalidatePath("/");
  revalidatePath("/articles/[id]", "page");
  revalidatePath("/tags");
}

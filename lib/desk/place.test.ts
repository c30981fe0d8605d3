import { describe, expect, it } from "vitest";
import { articleHref, isRead, listPath, overrideRead, readOverrides, recallPlace, rememberPlace } from "./place";

function memoryStore() {
  const data = new Map<string, string>();
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => data.set(key, value),
  };
}

describe("the desk's place", () => {
  it("carries the list's query in the article link and back", () => {
    const href = articleHref(42, "theme=3&cursor=na.x.y", "q=missile");
    expect(href).toBe("/articles/42?q=missile&list=theme%3D3%26cursor%3Dna.x.y");
    const params = new URL(href, "http://x").searchParams;
    expect(params.get("list")).toBe("theme=3&cursor=na.x.y");
    expect(params.get("q")).toBe("missile");
    expect(articleHref(7, "")).toBe("/articles/7");
    expect(listPath("theme=3")).toBe("/?theme=3");
    expect(listPath("")).toBe("/");
  });

  it("remembers the place per list", () => {
    const store = memoryStore();
    rememberPlace("theme=3", 12, store);
    rememberPlace("", 5, store);
    expect(recallPlace("theme=3", store)).toBe(12);
    expect(recallPlace("", store)).toBe(5);
    expect(recallPlace("theme=4", store)).toBeNull();
  });

  it("lets this tab's reads and unreads win over the server's answer", () => {
    const store = memoryStore();
    overrideRead([1, 2], true, store);
    overrideRead([2], false, store);
    const overrides = readOverrides(store);
    const server = new Set([2, 3]);
    expect(isRead(1, server, overrides)).toBe(true);
    expect(isRead(2, server, overrides)).toBe(false);
    expect(isRead(3, server, overrides)).toBe(true);
    expect(isRead(4, server, overrides)).toBe(false);
  });

  it("survives a broken storage value", () => {
    const store = memoryStore();
    store.setItem("presswatch-reads", "{not json");
    expect(readOverrides(store).size).toBe(0);
  });
});

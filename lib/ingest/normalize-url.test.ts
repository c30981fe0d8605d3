import { describe, expect, it } from "vitest";
import { normalizeUrl } from "@/lib/ingest/normalize-url";

describe("normalizeUrl", () => {
  it("gives the corpus URLs one https form without www.", () => {
    expect(normalizeUrl("http://www.kcna.kp/en/article/q/a514ed40309b181ae5964d720a691ec6.kcmsf")).toBe(
      "https://kcna.kp/en/article/q/a514ed40309b181ae5964d720a691ec6.kcmsf",
    );
    expect(normalizeUrl("http://www.rodong.rep.kp/en/index.php?strPageID=SF01_02_01&newsID=2021-06-17-0001")).toBe(
      "https://rodong.rep.kp/en/index.php?newsID=2021-06-17-0001&strPageID=SF01_02_01",
    );
    expect(normalizeUrl("http://kcna.co.jp/item/2011/201112/news23/20111223-59ee.html")).toBe(
      "https://kcna.co.jp/item/2011/201112/news23/20111223-59ee.html",
    );
  });

  it("keeps a numeric fragment, which tells apart stories sharing a pre-2003 kcna.co.jp page", () => {
    const first = normalizeUrl("http://kcna.co.jp/item/2000/200001/news01/03.htm#1");
    const tenth = normalizeUrl("http://kcna.co.jp/item/2000/200001/news01/03.htm#10");
    expect(first).toBe("https://kcna.co.jp/item/2000/200001/news01/03.htm#1");
    expect(tenth).toBe("https://kcna.co.jp/item/2000/200001/news01/03.htm#10");
    expect(first).not.toBe(tenth);
  });

  it("drops any other fragment", () => {
    expect(normalizeUrl("https://example.com/story#comments")).toBe("https://example.com/story");
    expect(normalizeUrl("https://example.com/story#10a")).toBe("https://example.com/story");
    expect(normalizeUrl("https://example.com/story#")).toBe("https://example.com/story");
  });

  it("lower-cases scheme and host but not the path", () => {
    expect(normalizeUrl("HTTP://WWW.Example.COM/News/Item")).toBe("https://example.com/News/Item");
  });

  it("drops default ports and keeps others", () => {
    expect(normalizeUrl("http://example.com:80/a")).toBe("https://example.com/a");
    expect(normalizeUrl("https://example.com:443/a")).toBe("https://example.com/a");
    expect(normalizeUrl("http://example.com:443/a")).toBe("https://example.com/a");
    expect(normalizeUrl("http://example.com:8080/a")).toBe("https://example.com:8080/a");
  });

  it("removes tracking parameters and sorts the rest, keeping the order of repeated keys", () => {
    expect(
      normalizeUrl(
        "https://example.com/a?utm_source=x&b=2&UTM_Campaign=y&fbclid=abc&a=1&gclid=g&mc_cid=1&mc_eid=2&cmpid=9",
      ),
    ).toBe("https://example.com/a?a=1&b=2");
    expect(normalizeUrl("https://example.com/a?tag=z&tag=a&id=3")).toBe("https://example.com/a?id=3&tag=z&tag=a");
    expect(normalizeUrl("https://example.com/a?utm_medium=email")).toBe("https://example.com/a");
    expect(normalizeUrl("https://example.com/a?")).toBe("https://example.com/a");
  });

  it("keeps parameter values as written, up to their percent-encoding", () => {
    expect(normalizeUrl("https://example.com/search?q=kim+jong+un&lang=%EC%A1%B0")).toBe(
      "https://example.com/search?lang=%EC%A1%B0&q=kim+jong+un",
    );
    expect(normalizeUrl("https://example.com/search?lang=%ec%a1%b0&q=a%2Bb%26c")).toBe(
      "https://example.com/search?lang=%EC%A1%B0&q=a%2Bb%26c",
    );
  });

  it("removes the trailing slash except on the root", () => {
    expect(normalizeUrl("https://example.com/news/")).toBe("https://example.com/news");
    expect(normalizeUrl("https://example.com/news//")).toBe("https://example.com/news");
    expect(normalizeUrl("https://example.com/")).toBe("https://example.com/");
    expect(normalizeUrl("https://example.com")).toBe("https://example.com/");
  });

  it("resolves dot segments", () => {
    expect(normalizeUrl("https://example.com/a/b/../c/./d.html")).toBe("https://example.com/a/c/d.html");
    expect(normalizeUrl("https://example.com/%2E%2E/x")).toBe("https://example.com/x");
  });

  it("drops credentials and a trailing dot on the host", () => {
    expect(normalizeUrl("https://user:secret@www.example.com./a")).toBe("https://example.com/a");
  });

  it("makes spellings of one page meet", () => {
    const spellings = [
      "http://www.kcna.kp/en/article/q/abc.kcmsf",
      "https://kcna.kp/en/article/q/abc.kcmsf/",
      "HTTPS://WWW.KCNA.KP:443/en/article/q/../q/abc.kcmsf?utm_source=feed#top",
      "  http://kcna.kp/en/article/q/abc.kcmsf  ",
    ];
    expect(new Set(spellings.map(normalizeUrl))).toEqual(new Set(["https://kcna.kp/en/article/q/abc.kcmsf"]));
  });

  it("returns null for non-http(s) or unparseable input", () => {
    expect(normalizeUrl("ftp://example.com/a")).toBeNull();
    expect(normalizeUrl("mailto:editor@example.com")).toBeNull();
    expect(normalizeUrl("javascript:alert(1)")).toBeNull();
    expect(normalizeUrl("/relative/path")).toBeNull();
    expect(normalizeUrl("not a url")).toBeNull();
    expect(normalizeUrl("")).toBeNull();
    expect(normalizeUrl("http://")).toBeNull();
  });

  describe("percent-encoding", () => {
    it("makes lower- and upper-case escapes, and the raw non-ASCII path, one URL written with upper-case escapes", () => {
      const spellings = ["https://example.com/%ea%b9%80", "https://example.com/%EA%B9%80", "https://example.com/김"];
      expect(new Set(spellings.map(normalizeUrl))).toEqual(new Set(["https://example.com/%EA%B9%80"]));
      expect(normalizeUrl("https://example.com/news?name=김")).toBe(
        normalizeUrl("https://example.com/news?name=%ea%b9%80"),
      );
    });

    it("decodes escapes of unreserved characters and keeps reserved ones encoded", () => {
      expect(normalizeUrl("https://example.com/%7Euser/%41rticle%2d1%5F2%2E3")).toBe(
        "https://example.com/~user/Article-1_2.3",
      );
      expect(normalizeUrl("https://example.com/a%2Fb")).toBe("https://example.com/a%2Fb");
      expect(normalizeUrl("https://example.com/a%2fb")).toBe("https://example.com/a%2Fb");
      expect(normalizeUrl("https://example.com/a%2Fb")).not.toBe(normalizeUrl("https://example.com/a/b"));
      expect(normalizeUrl("https://example.com/a?q=%61%3d")).toBe("https://example.com/a?q=a%3D");
    });

    it("encodes characters RFC 3986 does not allow raw, so `|` and `%7C` meet", () => {
      expect(normalizeUrl("https://example.com/a|b^c")).toBe("https://example.com/a%7Cb%5Ec");
      expect(normalizeUrl("https://example.com/a%7cb%5ec")).toBe("https://example.com/a%7Cb%5Ec");
      expect(normalizeUrl("https://example.com/list?ids[]=1")).toBe("https://example.com/list?ids%5B%5D=1");
    });

    it("sorts parameters by their normalised key", () => {
      expect(normalizeUrl("https://example.com/a?%62=2&a=1")).toBe("https://example.com/a?a=1&b=2");
    });

    it("reads a stray % as a literal percent sign", () => {
      expect(normalizeUrl("https://example.com/100%zz")).toBe("https://example.com/100%25zz");
      expect(normalizeUrl("https://example.com/100%25zz")).toBe("https://example.com/100%25zz");
    });
  });

  describe("tracking parameters", () => {
    it("keeps a ref that identifies the article", () => {
      expect(normalizeUrl("https://example.com/doc?ref=2024-001")).toBe("https://example.com/doc?ref=2024-001");
      expect(normalizeUrl("https://example.com/doc?ref=2024-001")).not.toBe(
        normalizeUrl("https://example.com/doc?ref=2024-002"),
      );
      expect(normalizeUrl("https://example.com/doc?referrer=KCNA-77")).toBe("https://example.com/doc?referrer=KCNA-77");
    });

    it("drops a ref whose value is a known referrer label, in any case, or empty", () => {
      for (const label of ["rss", "RSS", "twitter", "homepage", "newsletter", "hn"])
        expect(normalizeUrl(`https://example.com/doc?id=7&ref=${label}`)).toBe("https://example.com/doc?id=7");
      expect(normalizeUrl("https://example.com/doc?referrer=facebook")).toBe("https://example.com/doc");
      expect(normalizeUrl("https://example.com/doc?id=7&ref=&x=1")).toBe("https://example.com/doc?id=7&x=1");
    });

    it("drops `si` on the sites that hand it out, and keeps it elsewhere", () => {
      expect(normalizeUrl("https://www.youtube.com/watch?v=abc&si=XyZ")).toBe("https://youtube.com/watch?v=abc");
      expect(normalizeUrl("https://open.spotify.com/episode/1?si=9f")).toBe("https://open.spotify.com/episode/1");
      expect(normalizeUrl("https://example.com/page?si=3")).toBe("https://example.com/page?si=3");
    });

    it("keeps parameters not known as tracking, such as share", () => {
      expect(normalizeUrl("https://example.com/page?share=1")).toBe("https://example.com/page?share=1");
    });

    it("drops every utm_ parameter and the known click ids under any value", () => {
      expect(
        normalizeUrl("https://example.com/a?id=1&utm_content=x&utm_term=y&msclkid=z&_hsenc=q&ref_src=twsrc%5Etfw"),
      ).toBe("https://example.com/a?id=1");
    });
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { checkDocument, listSuiteDocuments, type FieldCheck } from "@/test/support/feedparser-suite";
import { readFeedItemBody } from "./item-body";
import { parseFeed } from "./parse";

// feedparser's own test documents (test/fixtures/feeds/SOURCE.md), each checked on the fields feedparser
// asserts and we keep (test/support/feedparser-suite.ts says which and how they compare). Every check
// passes except where we differ on purpose or do not read an element, listed here with the reason. A
// pattern that no longer matches a failing check fails the test, so the list cannot go stale.
// `npm run bench -- --only feeds` prints the counts.
const ROOT = path.join(process.cwd(), "test/fixtures/feeds/feedparser");

const DIFFERENCES: Array<{ documents: RegExp; field?: FieldCheck["field"]; why: string }> = [
  {
    documents: /^encoding\/(bozo_)?(double-encoded-html|linenoise)\.xml$/,
    why: "mojibake (UTF-8 that the publisher read as windows-1252, such as â€¦) is kept as published: undoing it is a guess that would damage correct text",
  },
  {
    documents: /^wellformed\/cdf\//,
    why: "CDF (Microsoft's Channel Definition Format, 1997) is refused: no news source has published it this century",
  },
  {
    documents:
      /^entities\/(160|732|82(16|17|20|21)|9830|attr_amp|hex_entity_x_\w+|query_variable_\w+)\.xml$|^illformed\/rss_item_link_corrupted_ampersands/,
    why: "these documents end in `</rss` or `</feed` without the `>`: a feed that is not well-formed fails whole, so a cut-off download never stores part of a list",
  },
  {
    documents: /^entities\/(lang|rang)\.xml$/,
    why: "&lang; and &rang; are read as HTML5 defines them (U+27E8, U+27E9), as browsers do; feedparser keeps HTML 4's U+2329, U+232A",
  },
  {
    documents: /(item|http_item)_(body|fullitem|xhtml_body)\w*\.xml$/,
    why: "content in <body>, <xhtml:body> or <fullitem> is not read (feedsmith ignores these rare elements): the worker fetches the item's page instead",
  },
  {
    documents:
      /^wellformed\/(rss\/item_(dc_author\w*|madeup_tags_element|description_and_summary|summary_and_description|description_not_a_doctype2?)|itunes\/itunes_item_category\w*|namespace\/rss2\.0NSwithModulesNoDefNS\w*)\.xml$/,
    why: "elements outside RSS and its modules (<summary>, <tags>, dc:author, an item's itunes:category), RSS elements in their own namespace, and items outside a <channel> are not read",
  },
  {
    documents: /^wellformed\/base\/(http_entry_id_\w+|rel_uri_with_unicode_character)\.xml$/,
    why: "an entry id is an identifier, kept as written rather than resolved; xml:base on the <rss> root element is not read",
  },
  {
    documents: /^wellformed\/rss\/entity_in_doctype\.xml$/,
    why: "entities declared in a DOCTYPE are not expanded: that is how billion-laughs and external-entity attacks work",
  },
  {
    documents: /^wellformed\/atom(10)?\/entry_author_map_author\.xml$/,
    why: "the byline is the author's name; feedparser appends the e-mail address",
  },
  {
    documents: /^wellformed\/atom10\/entry_category_term\w*\.xml$/,
    why: "a category's human-readable label is kept over its term when both are given",
  },
  {
    documents: /^wellformed\/atom\/entry_(created|updated)_multiple_values\.xml$/,
    why: "of two dates of the same kind the first is taken; feedparser keeps the last",
  },
  {
    documents:
      /^wellformed\/sanitize\/(\w+_crazy|xml_malicious_comment|\w+_(iframe|object)|\w+_nested_cdata|acceptable_element_br)\.xml$/,
    why: "markup is read as HTML5 reads it and through our sanitizer: a whole page pasted into a title gives its visible text, text inside <iframe>/<object> (fallback content) is dropped, `<!-- -- x >` is a comment to its end as in browsers, `<br></br>` is two breaks",
  },
];

const checks = listSuiteDocuments(ROOT).flatMap((document) => checkDocument(ROOT, document));

function differenceOf(check: FieldCheck) {
  return DIFFERENCES.find(
    (difference) =>
      difference.documents.test(check.document) && (!difference.field || difference.field === check.field),
  );
}

describe("feedparser's test documents", () => {
  it("are all read, every field check passing except the differences listed with their reasons", () => {
    expect(checks.length).toBeGreaterThan(1300);
    const unexplained = checks
      .filter((check) => !check.pass && !differenceOf(check))
      .map((check) => `${check.document} ${check.field}: got ${check.actual}; ${check.expect}`);
    expect(unexplained).toEqual([]);
  });

  it("lists only differences that still exist", () => {
    const stale = DIFFERENCES.filter(
      (difference) => !checks.some((check) => !check.pass && differenceOf(check) === difference),
    ).map((difference) => difference.documents.source);
    expect(stale).toEqual([]);
  });

  it("never lets markup into a title or a script into a stored body", () => {
    // The sanitize/ documents put hostile markup in every field, typed as HTML (a title typed as plain
    // text elsewhere may hold "<p>" as text).
    for (const document of listSuiteDocuments(ROOT).filter((name) => name.includes("sanitize"))) {
      let feed;
      try {
        feed = parseFeed(readFileSync(path.join(ROOT, document)));
      } catch {
        continue;
      }
      for (const title of [feed.title, ...feed.items.map((item) => item.title)]) {
        expect(title, document).not.toMatch(/<\/?[a-z][^<>]*>/i);
      }
      for (const item of feed.items) {
        const body = readFeedItemBody(item);
        expect(body.html ?? "", document).not.toMatch(/<script|\son\w+\s*=|javascript:|<iframe|<object|<embed/i);
        expect(body.text, document).not.toMatch(/<script/i);
      }
    }
  });
});

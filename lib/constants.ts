import { ThemeRuleScope } from "@/lib/generated/prisma/enums";

// Limits and fixed lists several layers agree on (validation schemas, the search and annotation code, the
// UI), kept here so that lib/validation depends on nothing but zod and this file.

/** A search box or a theme rule reads at most this many characters. */
export const MAX_SEARCH_INPUT = 500;

/** Characters of context kept on each side of an annotated passage (W3C TextQuoteSelector prefix/suffix). */
export const ANNOTATION_CONTEXT_CHARS = 32;

/** Where a theme rule may look (lib/themes/scope.ts says what each means). */
export const RULE_SCOPES = [ThemeRuleScope.ANYWHERE, ThemeRuleScope.LEAD, ThemeRuleScope.TITLE] as const;

/**
 * A feed poll renews its source's lease every POLL_LEASE_RENEW_MS; one not renewed for POLL_LEASE_MS lost its
 * worker (killed, or cut off from the database) and may be replaced by the next poll.
 */
export const POLL_LEASE_MS = 45_000;
export const POLL_LEASE_RENEW_MS = 10_000;

/**
 * Every table's id is a PostgreSQL integer (int4): a larger number is nobody's id, and passed to a query it
 * would fail the query instead of finding nothing, so it is refused where it comes in.
 */
export const MAX_ID = 2_147_483_647;

/** A session lasts this long from sign-in (the cookie's maxAge); ending it earlier is a server-side revocation. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * The request header the web server sets to the address of the socket a request arrived on, replacing any a
 * client sent (scripts/peer-address.mjs, which keeps its own copy of the name: it is plain JavaScript).
 */
export const PEER_ADDRESS_HEADER = "x-presswatch-peer";

/**
 * A feed parse or page extraction runs in a worker thread (lib/ingest/isolated-parse.ts) and is stopped past
 * this time, or when the thread's heap passes this size. A real 10 MB feed parses in about a second; a hostile
 * one (800,000 attributes in 9 MB) parses for 7 s or more.
 */
export const PARSE_TIME_LIMIT_MS = 5_000;
export const PARSE_MEMORY_LIMIT_MB = 512;

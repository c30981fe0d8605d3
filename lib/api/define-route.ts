import "server-only";
import { apiErrorResponse, authenticateApiRequest, type ApiCaller } from "@/lib/auth/api";
import { clientAddress } from "@/lib/auth/client-address";
import { consumeApiRequest } from "@/lib/data/rate-limit";
import { TooManyRequestsError } from "@/lib/errors";
import type { Actor } from "@/lib/data/actor";
import { env } from "@/lib/env";
import { requestLogger } from "@/lib/log";
import type { TokenScope } from "@/lib/generated/prisma/enums";
import type { Permission } from "@/lib/permissions";

// The one way a route handler under app/api is written (the counterpart of defineAction):
//
//   export const GET = defineRoute({ permission: "articles:export", scope: "READ" }, async ({ actor, request }) => ...);
//
// It authenticates the request first (an API token as a Bearer header, or the browser's session), checks the
// permission (and a token's scope), and turns every failure into the API's JSON error: expected errors keep
// their status and message, a database that cannot be reached is 503 with Retry-After, anything else is
// logged and masked as a 500. A request made with a token counts against the token's rate limit
// (API_RATE_LIMIT_REQUESTS per API_RATE_LIMIT_WINDOW_SECONDS): past it, 429 with Retry-After.

export type RouteContext<Params> = {
  request: Request;
  caller: ApiCaller;
  /** The caller as the data layer takes it. */
  actor: Actor;
  params: Params;
};

export function defineRoute<Params = Record<string, never>>(
  options: { permission: Permission; scope?: TokenScope },
  handler: (context: RouteContext<Params>) => Promise<Response>,
): (request: Request, context?: { params: Promise<Params> }) => Promise<Response> {
  return async (request, context) => {
    const started = performance.now();
    let caller: ApiCaller | undefined;
    let response: Response;
    try {
      caller = await authenticateApiRequest(request, options.permission, { scope: options.scope });
      const rate = caller.tokenId === undefined ? null : await consumeApiRequest(caller.tokenId);
      if (rate && !rate.allowed) {
        throw new TooManyRequestsError(
          `This token made more than ${rate.limit} requests in ${env().API_RATE_LIMIT_WINDOW_SECONDS} s; try again in ${rate.retryAfterSeconds} s.`,
          rate.retryAfterSeconds,
        );
      }
      const { id, role, timeZone } = caller.user;
      const actor: Actor = { id, role, timeZone, ip: clientAddress(request.headers) };
      response = await handler({
        request,
        caller,
        actor,
        params: await (context?.params ?? Promise.resolve({} as Params)),
      });
      if (rate) {
        response.headers.set("RateLimit-Limit", String(rate.limit));
        response.headers.set("RateLimit-Remaining", String(rate.remaining));
        response.headers.set("RateLimit-Reset", String(rate.resetSeconds));
      }
    } catch (error) {
      response = apiErrorResponse(error, request.headers);
    }
    // One line per API request; a streamed export logs when its headers go out, not when its body ends.
    requestLogger(request.headers).info(
      {
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        ms: Math.round(performance.now() - started),
        via: caller?.via,
        userId: caller?.user.id,
        tokenId: caller?.tokenId,
      },
      "api request",
    );
    return response;
  };
}

// The Content-Security-Policy every response carries (proxy.ts makes a fresh nonce per request).
//
// Scripts: only those carrying this request's nonce, and what they load ('strict-dynamic'): Next.js puts the
// nonce on its own scripts, so an injected <script> or an inline event handler does not run. No
// 'unsafe-inline' for scripts; 'unsafe-eval' only in development, where React's tooling needs it.
// Styles keep 'unsafe-inline': React writes style attributes (a nonce cannot cover those), and a style
// cannot run code. Forms post only to us, and to the identity provider's sign-in when one is configured
// (Chromium applies form-action to the redirect after a form post). Nobody may frame the app.

export function contentSecurityPolicy(
  nonce: string,
  options: { development?: boolean; formTargets?: readonly string[] } = {},
): string {
  const scriptSources = [`'self'`, `'nonce-${nonce}'`, `'strict-dynamic'`];
  if (options.development) scriptSources.push(`'unsafe-eval'`);
  const directives = [
    `default-src 'self'`,
    `script-src ${scriptSources.join(" ")}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action ${[`'self'`, ...(options.formTargets ?? [])].join(" ")}`,
    `frame-ancestors 'none'`,
  ];
  return directives.join("; ");
}

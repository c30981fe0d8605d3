// The identity provider the OIDC spec runs (a real oidc-provider on its own port) and the settings the e2e
// server gives the app to reach it. Test-only values.
export const OIDC_CLIENT_ID = "presswatch-e2e";
export const OIDC_CLIENT_SECRET = "e2e-only-client-secret-0123456789";
export const OIDC_NAME = "Example IdP";

export function oidcPort(appPort: number): number {
  return appPort + 1;
}

export function oidcEnv(appPort: number): Record<string, string> {
  return {
    OIDC_ISSUER: `http://127.0.0.1:${oidcPort(appPort)}`,
    OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET,
    OIDC_NAME,
    OIDC_SCOPE: "openid email profile groups",
    OIDC_ADMIN_GROUPS: "pw-admins",
    OIDC_ANALYST_GROUPS: "pw-analysts",
  };
}

import {
  AppError,
  endSession,
  loadSessionUser,
  startSession,
  userForExternalAccount,
  verifyCredentials,
} from "@taskforge/api";
import type { SessionUser } from "@taskforge/api";
import type { AuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import type { OAuthConfig } from "next-auth/providers/oauth";

import type { SignInMessageCode } from "~/lib/sign-in-messages";

import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { getRuntime } from "./runtime";
import type { Runtime } from "./runtime";

// Without NEXTAUTH_URL, next-auth takes the origin from the request's Host header, so the app works on
// any port and behind a proxy that sets it. next-auth reads it from the environment itself.
// eslint-disable-next-line no-restricted-properties -- a default for next-auth, not our setting.
process.env.AUTH_TRUST_HOST ??= "true";

const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

type OidcProfile = { sub: string; email?: string; name?: string };

const externalProviders = ({ env }: Runtime) => [
  ...(env.TASKFORGE_GITHUB_CLIENT_ID && env.TASKFORGE_GITHUB_CLIENT_SECRET
    ? [
        GitHubProvider({
          clientId: env.TASKFORGE_GITHUB_CLIENT_ID,
          clientSecret: env.TASKFORGE_GITHUB_CLIENT_SECRET,
        }),
      ]
    : []),
  ...(env.TASKFORGE_OIDC_ISSUER && env.TASKFORGE_OIDC_CLIENT_ID && env.TASKFORGE_OIDC_CLIENT_SECRET
    ? [
        {
          id: "oidc",
          name: env.TASKFORGE_OIDC_NAME,
          type: "oauth",
          wellKnown: `${env.TASKFORGE_OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
          authorization: { params: { scope: "openid email profile" } },
          idToken: true,
          checks: ["pkce", "state"],
          clientId: env.TASKFORGE_OIDC_CLIENT_ID,
          clientSecret: env.TASKFORGE_OIDC_CLIENT_SECRET,
          profile: (profile) => ({
            id: profile.sub,
            email: profile.email ?? null,
            name: profile.name ?? null,
          }),
        } satisfies OAuthConfig<OidcProfile>,
      ]
    : []),
];

/** The external sign-in buttons the sign-in page shows. */
export const externalSignInOptions = async () =>
  externalProviders(await getRuntime()).map((p) => ({ id: p.id, name: p.name }));

/**
 * next-auth options. Sessions are JWTs that carry only the user id; the user (roles, organization) is
 * read from the database on every request (`getSessionUser`).
 */
export const authOptions = async (): Promise<AuthOptions> => {
  const runtime = await getRuntime();
  const { db } = runtime;
  return {
    secret: runtime.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: async (credentials, req) => {
          try {
            const client: unknown = req.headers?.[CLIENT_ADDRESS_HEADER];
            const verified = await verifyCredentials(
              db,
              credentials,
              typeof client === "string" ? client : undefined,
            );
            return verified ? { id: verified.userId } : null;
          } catch (error) {
            // next-auth passes a thrown message to the sign-in form (here: too many attempts).
            if (error instanceof AppError) throw new Error(error.message);
            throw error;
          }
        },
      }),
      ...externalProviders(runtime),
    ],
    callbacks: {
      signIn: async ({ user, account }) => {
        if (!account || account.type === "credentials") return true;
        try {
          const { userId } = await userForExternalAccount(db, {
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            email: user.email,
            name: user.name,
          });
          user.id = userId;
          return true;
        } catch (error) {
          // The page shows known messages only, by code (userForExternalAccount refuses with
          // conflict when the email has a password account, bad_request when there is no email).
          if (error instanceof AppError) {
            const code: SignInMessageCode =
              error.code === "conflict" ? "external_email_in_use" : "external_email_missing";
            return `/sign-in?message=${code}`;
          }
          throw error;
        }
      },
      // A sign-in starts a session row the cookie names; see `startSession`.
      jwt: async ({ token, user }) => {
        if (user) {
          token.sub = user.id;
          token.sid = await startSession(db, user.id, SESSION_MAX_AGE_S);
        }
        return token;
      },
      session: ({ session, token }) => ({ ...session, userId: token.sub, sessionId: token.sid }),
    },
    events: {
      signOut: async ({ token }) => {
        if (typeof token?.sid === "string") await endSession(db, token.sid);
      },
    },
  };
};

/** The signed-in person of this request (server components, route handlers), or null. */
export const getSessionUser = async (): Promise<SessionUser | null> => {
  const session = await getServerSession<AuthOptions, { userId?: string; sessionId?: string }>(
    await authOptions(),
  );
  if (!session?.userId) return null;
  const { db } = await getRuntime();
  return loadSessionUser(db, session.userId, session.sessionId);
};

/**
 * A browser-less client of the web app: a cookie jar, next-auth's credentials sign-in (CSRF token
 * first, as the sign-in form does) and tRPC calls over HTTP.
 */
export class HttpSession {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** A second client holding a copy of this one's cookies (as a stolen cookie would be). */
  copy(): HttpSession {
    const copy = new HttpSession(this.baseUrl);
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    return copy;
  }

  private async request(path: string, init: RequestInit = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      redirect: "manual",
      headers: {
        ...(init.headers as Record<string, string> | undefined),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair?.indexOf("=") ?? -1;
      if (pair && index > 0) this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json, headers: response.headers };
  }

  get(path: string) {
    return this.request(path);
  }

  /** Signs in with email and password; true when next-auth set a session cookie. */
  async signIn(email: string, password: string): Promise<boolean> {
    const csrf = await this.request("/api/auth/csrf");
    const { csrfToken } = csrf.json as { csrfToken: string };
    await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
    });
    return this.cookies.has("next-auth.session-token");
  }

  /** Signs out as the sign-out button does (CSRF token first). */
  async signOut(): Promise<void> {
    const csrf = await this.request("/api/auth/csrf");
    const { csrfToken } = csrf.json as { csrfToken: string };
    await this.request("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }).toString(),
    });
  }

  trpc(procedure: string, input: unknown) {
    return this.request(`/api/trpc/${procedure}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(input),
    });
  }

  trpcQuery(procedure: string, input?: unknown) {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.request(`/api/trpc/${procedure}${query}`);
  }
}

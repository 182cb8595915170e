import type { GraphQLFormattedError } from "graphql";

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data: T | null | undefined;
  errors: GraphQLFormattedError[] | undefined;
  headers: Headers;
}

/** Talks to the server over real HTTP, keeping its session cookie like a browser. */
export class GqlClient {
  private cookie: string | undefined;
  /** Extra headers on every request (e.g. X-Forwarded-For behind TRUST_PROXY). */
  readonly headers: Record<string, string> = {};

  constructor(
    readonly baseUrl: string,
    private readonly bearer?: string,
  ) {}

  async request<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> {
    const headers: Record<string, string> = { "content-type": "application/json", ...this.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(`${this.baseUrl}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) {
      const pair = setCookie.split(";")[0];
      this.cookie = pair.endsWith("=") ? undefined : pair;
    }
    const body = (await res.json()) as { data?: T | null; errors?: GraphQLFormattedError[] };
    return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
  }

  /** The data of a request that must succeed; throws with the errors otherwise. */
  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.request<T>(query, variables);
    if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data;
  }

  /** The `extensions.code` of a request that must fail. */
  async code(query: string, variables: Record<string, unknown> = {}): Promise<string> {
    const res = await this.request(query, variables);
    const code = res.errors?.[0]?.extensions?.code;
    if (typeof code !== "string") throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
    return code;
  }

  get hasSession(): boolean {
    return this.cookie !== undefined;
  }
}

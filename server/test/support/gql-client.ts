import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type DocumentNode, type GraphQLFormattedError, print } from "graphql";

/** A typed document's variables: required when it has some, optional when it has none. */
type VariablesOf<V> = {} extends V ? [variables?: V] : [variables: V];

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

  /** A document from ./test/gql (`graphql(...)`) types the data and the variables; a string types neither. */
  async request<T, V>(query: TypedDocumentNode<T, V>, ...variables: VariablesOf<V>): Promise<GqlResponse<T>>;
  async request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  request<T>(query: string | TypedDocumentNode<T, unknown>, variables: unknown = {}): Promise<GqlResponse<T>> {
    return this.post<T>(query, variables);
  }

  private async post<T>(document: string | DocumentNode, variables: unknown): Promise<GqlResponse<T>> {
    const query = typeof document === "string" ? document : print(document);
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
  async ok<T, V>(query: TypedDocumentNode<T, V>, ...variables: VariablesOf<V>): Promise<T>;
  async ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  async ok<T>(query: string | TypedDocumentNode<T, unknown>, variables: unknown = {}): Promise<T> {
    const res = await this.post<T>(query, variables);
    if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data;
  }

  /** The `extensions.code` of a request that must fail. */
  async code<V>(query: TypedDocumentNode<unknown, V>, ...variables: VariablesOf<V>): Promise<string>;
  async code(query: string, variables?: Record<string, unknown>): Promise<string>;
  async code(query: string | TypedDocumentNode<unknown, unknown>, variables: unknown = {}): Promise<string> {
    const res = await this.post(query, variables);
    const code = res.errors?.[0]?.extensions?.code;
    if (typeof code !== "string") throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
    return code;
  }

  get hasSession(): boolean {
    return this.cookie !== undefined;
  }
}

import { ApolloClient } from "@apollo/client";
import { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { CreateOrgDocument, MyOrgsDocument } from "../gql/graphql";
import { apiError } from "../test/fixtures";
import { createCache, createConsoleLink } from "./client";
import { handles } from "./error.link";
import { useFormMutation } from "./form-mutation.hook";

/** The console's links in front of `mocks`, recording what the person would be told and whether they were signed out. */
function setup(mocks: ReadonlyArray<MockLink.MockedResponse>) {
  const notified: string[] = [];
  let signOuts = 0;
  const link = createConsoleLink(
    { notify: ({ message }) => notified.push(message), onUnauthenticated: () => signOuts++ },
    new MockLink(mocks, { defaultOptions: { delay: 0 } }),
  );
  return { link, notified, signOuts: () => signOuts };
}

const myOrgs = (result: object) => ({ request: { query: MyOrgsDocument }, result });

describe("the error link and the codes a component handles", () => {
  it("stays quiet about a code the operation handles", async () => {
    const { link, notified } = setup([myOrgs(apiError("FORBIDDEN"))]);
    const client = new ApolloClient({ link, cache: createCache() });
    await expect(client.query({ query: MyOrgsDocument, context: handles("FORBIDDEN") })).rejects.toThrow();
    expect(notified).toEqual([]);
  });

  it("notifies for every code the operation does not handle", async () => {
    const { link, notified } = setup([myOrgs(apiError("FORBIDDEN"))]);
    const client = new ApolloClient({ link, cache: createCache() });
    await expect(client.query({ query: MyOrgsDocument, context: handles("BAD_USER_INPUT", "CONFLICT") })).rejects.toThrow();
    expect(notified).toEqual(["Your role does not allow this."]);
  });

  it("notifies a network failure unless the operation handles NETWORK", async () => {
    const down = { request: { query: MyOrgsDocument }, error: new TypeError("Failed to fetch") };
    const quiet = setup([down]);
    await expect(
      new ApolloClient({ link: quiet.link, cache: createCache() }).query({ query: MyOrgsDocument, context: handles("NETWORK") }),
    ).rejects.toThrow();
    expect(quiet.notified).toEqual([]);

    const loud = setup([down]);
    await expect(new ApolloClient({ link: loud.link, cache: createCache() }).query({ query: MyOrgsDocument })).rejects.toThrow();
    expect(loud.notified).toEqual(["Can't reach the server. Check your connection and try again."]);
  });

  it("signs the person out on UNAUTHENTICATED even when the operation handles it", async () => {
    const { link, notified, signOuts } = setup([myOrgs(apiError("UNAUTHENTICATED"))]);
    const client = new ApolloClient({ link, cache: createCache() });
    await expect(client.query({ query: MyOrgsDocument, context: handles("UNAUTHENTICATED") })).rejects.toThrow();
    expect(signOuts()).toBe(1);
    expect(notified).toEqual([]);
  });
});

describe("useFormMutation", () => {
  const createOrg = (result: object) => ({ request: { query: CreateOrgDocument, variables: { name: "Acme" } }, result });
  const org = { __typename: "Org", id: "org_acme", name: "Acme", plan: "FREE", seats: 1 };

  function renderForm(mocks: ReadonlyArray<MockLink.MockedResponse>) {
    const { link, notified } = setup(mocks);
    const wrapper = ({ children }: { children: ReactNode }) => (
      <MockedProvider link={link} cache={createCache()}>
        {children}
      </MockedProvider>
    );
    const { result } = renderHook(() => useFormMutation(CreateOrgDocument), { wrapper });
    return { result, notified };
  }

  it("answers the data when the mutation succeeds", async () => {
    const { result } = renderForm([createOrg({ data: { createOrg: org } })]);
    let data: unknown;
    await act(async () => {
      data = await result.current.run({ name: "Acme" });
    });
    expect(data).toEqual({ createOrg: org });
    expect(result.current.formError).toBeNull();
  });

  it("says a handled refusal next to the form, and next to the field the server names", async () => {
    const badName = { errors: [{ message: "Name is too long.", extensions: { code: "BAD_USER_INPUT", field: "name" } }] };
    const { result, notified } = renderForm([createOrg(badName)]);
    let data: unknown = "unset";
    await act(async () => {
      data = await result.current.run({ name: "Acme" });
    });
    expect(data).toBeNull();
    expect(result.current.formError).toBe("Name is too long.");
    expect(result.current.fieldErrors).toEqual({ name: "Name is too long." });
    expect(notified).toEqual([]);
    act(() => result.current.reset());
    expect(result.current.formError).toBeNull();
  });

  it("leaves a failure the form does not handle to the error link", async () => {
    const { result, notified } = renderForm([createOrg(apiError("INTERNAL_SERVER_ERROR"))]);
    await act(async () => {
      await result.current.run({ name: "Acme" });
    });
    expect(result.current.formError).toBeNull();
    expect(notified).toEqual(["Something went wrong on our side."]);
  });

  it("answers the failure from runDetailed, saying whether the form or the link told the person", async () => {
    const { result, notified } = renderForm([createOrg(apiError("INTERNAL_SERVER_ERROR")), createOrg(apiError("CONFLICT"))]);
    let outcome: Awaited<ReturnType<typeof result.current.runDetailed>> | undefined;
    await act(async () => {
      outcome = await result.current.runDetailed({ name: "Acme" });
    });
    expect(outcome?.data).toBeNull();
    expect(outcome?.error).toMatchObject({ code: "INTERNAL_SERVER_ERROR", handled: false });
    expect(result.current.formError).toBeNull();

    await act(async () => {
      outcome = await result.current.runDetailed({ name: "Acme" });
    });
    expect(outcome?.error).toMatchObject({ code: "CONFLICT", handled: true });
    expect(result.current.formError).toBe(outcome?.error?.message);
    expect(notified).toEqual(["Something went wrong on our side."]);
  });

  it("shows a problem the form found itself in the same place, until the next run", async () => {
    const { result } = renderForm([createOrg({ data: { createOrg: org } })]);
    act(() => result.current.fail("Type the org's name to confirm."));
    expect(result.current.formError).toBe("Type the org's name to confirm.");
    await act(async () => {
      await result.current.run({ name: "Acme" });
    });
    expect(result.current.formError).toBeNull();
  });
});

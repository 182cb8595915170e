/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query OrgSwitcher {\n    myOrgs {\n      id\n      name\n    }\n  }\n": typeof types.OrgSwitcherDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation CreateOrg($name: String!) {\n    createOrg(name: $name) {\n      ...OrgSummary\n    }\n  }\n": typeof types.CreateOrgDocument,
    "\n  fragment OrgSummary on Org {\n    id\n    name\n    plan\n    seats\n  }\n": typeof types.OrgSummaryFragmentDoc,
    "\n  query MyOrgs {\n    myOrgs {\n      ...OrgSummary\n    }\n  }\n": typeof types.MyOrgsDocument,
    "\n  query OrgHome($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      seats\n      billingInterval\n    }\n  }\n": typeof types.OrgHomeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...SessionUser\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation SignUp($email: String!, $password: String!, $name: String!) {\n    signUp(email: $email, password: $password, name: $name) {\n      ...SessionUser\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  fragment SessionUser on User {\n    id\n    name\n    email\n    plan\n    isStaff\n  }\n": typeof types.SessionUserFragmentDoc,
    "\n  query Me {\n    me {\n      ...SessionUser\n    }\n  }\n": typeof types.MeDocument,
    "\n  query OrgMembership($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        role\n        user {\n          id\n        }\n      }\n    }\n  }\n": typeof types.OrgMembershipDocument,
};
const documents: Documents = {
    "\n  query OrgSwitcher {\n    myOrgs {\n      id\n      name\n    }\n  }\n": types.OrgSwitcherDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation CreateOrg($name: String!) {\n    createOrg(name: $name) {\n      ...OrgSummary\n    }\n  }\n": types.CreateOrgDocument,
    "\n  fragment OrgSummary on Org {\n    id\n    name\n    plan\n    seats\n  }\n": types.OrgSummaryFragmentDoc,
    "\n  query MyOrgs {\n    myOrgs {\n      ...OrgSummary\n    }\n  }\n": types.MyOrgsDocument,
    "\n  query OrgHome($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      seats\n      billingInterval\n    }\n  }\n": types.OrgHomeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...SessionUser\n    }\n  }\n": types.LoginDocument,
    "\n  mutation SignUp($email: String!, $password: String!, $name: String!) {\n    signUp(email: $email, password: $password, name: $name) {\n      ...SessionUser\n    }\n  }\n": types.SignUpDocument,
    "\n  fragment SessionUser on User {\n    id\n    name\n    email\n    plan\n    isStaff\n  }\n": types.SessionUserFragmentDoc,
    "\n  query Me {\n    me {\n      ...SessionUser\n    }\n  }\n": types.MeDocument,
    "\n  query OrgMembership($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        role\n        user {\n          id\n        }\n      }\n    }\n  }\n": types.OrgMembershipDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgSwitcher {\n    myOrgs {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query OrgSwitcher {\n    myOrgs {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrg($name: String!) {\n    createOrg(name: $name) {\n      ...OrgSummary\n    }\n  }\n"): (typeof documents)["\n  mutation CreateOrg($name: String!) {\n    createOrg(name: $name) {\n      ...OrgSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrgSummary on Org {\n    id\n    name\n    plan\n    seats\n  }\n"): (typeof documents)["\n  fragment OrgSummary on Org {\n    id\n    name\n    plan\n    seats\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOrgs {\n    myOrgs {\n      ...OrgSummary\n    }\n  }\n"): (typeof documents)["\n  query MyOrgs {\n    myOrgs {\n      ...OrgSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgHome($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      seats\n      billingInterval\n    }\n  }\n"): (typeof documents)["\n  query OrgHome($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      seats\n      billingInterval\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...SessionUser\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...SessionUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($email: String!, $password: String!, $name: String!) {\n    signUp(email: $email, password: $password, name: $name) {\n      ...SessionUser\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($email: String!, $password: String!, $name: String!) {\n    signUp(email: $email, password: $password, name: $name) {\n      ...SessionUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionUser on User {\n    id\n    name\n    email\n    plan\n    isStaff\n  }\n"): (typeof documents)["\n  fragment SessionUser on User {\n    id\n    name\n    email\n    plan\n    isStaff\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...SessionUser\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...SessionUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgMembership($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        role\n        user {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgMembership($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        role\n        user {\n          id\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
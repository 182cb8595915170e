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
    "query AuditLogPage($id: ID!, $first: Int, $after: String, $prefix: String) { org(id: $id) {\n  auditEntries(first: $first, after: $after, actionPrefix: $prefix) { edges { cursor node { id action actorKind actorName actorEmail } } pageInfo { hasNextPage endCursor } } } }": typeof types.AuditLogPageDocument,
    "query AuditLogWhole($id: ID!) { org(id: $id) { auditLog { id } } }": typeof types.AuditLogWholeDocument,
    "mutation AuditLogSpace($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { id } }": typeof types.AuditLogSpaceDocument,
    "mutation AuditLogThreshold($o: ID!, $p: Int!) { setSoftAlertThreshold(orgId: $o, percent: $p) { id } }": typeof types.AuditLogThresholdDocument,
    "mutation AuditLogCreateKey($o: ID!) { createApiKey(orgId: $o, name: \"Nightly import\", scopes: [USAGE_WRITE]) { apiKey { id prefix } } }": typeof types.AuditLogCreateKeyDocument,
    "mutation AuditLogRevokeKey($o: ID!, $k: ID!) { revokeApiKey(orgId: $o, apiKeyId: $k) }": typeof types.AuditLogRevokeKeyDocument,
    "query PaymentMethodCard($id: ID!) { org(id: $id) { paymentMethod { brand last4 expMonth expYear } } }": typeof types.PaymentMethodCardDocument,
    "query PaymentMethodNext($id: ID!) { org(id: $id) { nextInvoice { amountDue total currency date lines { description amount proration } } } }": typeof types.PaymentMethodNextDocument,
    "mutation PaymentMethodStart($o: ID!) { startPaymentMethodUpdate(orgId: $o) { id url } }": typeof types.PaymentMethodStartDocument,
    "mutation PaymentMethodComplete($o: ID!, $s: ID!) { completePaymentMethodUpdate(orgId: $o, sessionId: $s) { id paymentMethod { brand last4 } } }": typeof types.PaymentMethodCompleteDocument,
    "query PaymentMethodAudit($id: ID!) { org(id: $id) { auditLog { action actorEmail details } } }": typeof types.PaymentMethodAuditDocument,
    "query PaymentMethodPeriodEnd($id: ID!) { org(id: $id) { subscription { currentPeriodEnd } } }": typeof types.PaymentMethodPeriodEndDocument,
    "mutation PaymentMethodDowngrade($o: ID!) { scheduleDowngrade(orgId: $o) { id } }": typeof types.PaymentMethodDowngradeDocument,
    "mutation PaymentMethodCancel($o: ID!) { scheduleCancellation(orgId: $o) { id } }": typeof types.PaymentMethodCancelDocument,
    "query TeamOrg($id: ID!) { org(id: $id) { id name plan seats members { id role user { email } } spaces { id name } } }": typeof types.TeamOrgDocument,
    "query TeamInvitations($id: ID!) { org(id: $id) { invitations { id email role acceptUrl } } }": typeof types.TeamInvitationsDocument,
    "mutation TeamInvite($orgId: ID!, $email: String!, $role: Role!) { inviteMember(orgId: $orgId, email: $email, role: $role) { id email role acceptUrl } }": typeof types.TeamInviteDocument,
    "mutation TeamAccept($token: String!) { acceptInvitation(token: $token) { id role orgId user { email } } }": typeof types.TeamAcceptDocument,
    "mutation TeamTransfer($orgId: ID!, $memberId: ID!) { transferOwnership(orgId: $orgId, memberId: $memberId) { id } }": typeof types.TeamTransferDocument,
    "query TeamAudit($id: ID!) { org(id: $id) { auditLog { action actorEmail details } } }": typeof types.TeamAuditDocument,
    "mutation TeamCreateSpace($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { id name } }": typeof types.TeamCreateSpaceDocument,
    "query TeamMyOrgs { myOrgs { id } }": typeof types.TeamMyOrgsDocument,
    "mutation TeamRevoke($o: ID!, $i: ID!) { revokeInvitation(orgId: $o, invitationId: $i) }": typeof types.TeamRevokeDocument,
    "mutation TeamRemove($o: ID!, $m: ID!) { removeMember(orgId: $o, memberId: $m) }": typeof types.TeamRemoveDocument,
    "mutation TeamChangeRole($o: ID!, $m: ID!, $r: Role!) { changeMemberRole(orgId: $o, memberId: $m, role: $r) { role } }": typeof types.TeamChangeRoleDocument,
    "mutation TeamLeave($o: ID!) { leaveOrg(orgId: $o) }": typeof types.TeamLeaveDocument,
    "query TeamMyRole($id: ID!) { org(id: $id) { myRole } }": typeof types.TeamMyRoleDocument,
    "query TeamPreview($token: String!) { invitationPreview(token: $token) { orgName inviterName email role status } }": typeof types.TeamPreviewDocument,
};
const documents: Documents = {
    "query AuditLogPage($id: ID!, $first: Int, $after: String, $prefix: String) { org(id: $id) {\n  auditEntries(first: $first, after: $after, actionPrefix: $prefix) { edges { cursor node { id action actorKind actorName actorEmail } } pageInfo { hasNextPage endCursor } } } }": types.AuditLogPageDocument,
    "query AuditLogWhole($id: ID!) { org(id: $id) { auditLog { id } } }": types.AuditLogWholeDocument,
    "mutation AuditLogSpace($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { id } }": types.AuditLogSpaceDocument,
    "mutation AuditLogThreshold($o: ID!, $p: Int!) { setSoftAlertThreshold(orgId: $o, percent: $p) { id } }": types.AuditLogThresholdDocument,
    "mutation AuditLogCreateKey($o: ID!) { createApiKey(orgId: $o, name: \"Nightly import\", scopes: [USAGE_WRITE]) { apiKey { id prefix } } }": types.AuditLogCreateKeyDocument,
    "mutation AuditLogRevokeKey($o: ID!, $k: ID!) { revokeApiKey(orgId: $o, apiKeyId: $k) }": types.AuditLogRevokeKeyDocument,
    "query PaymentMethodCard($id: ID!) { org(id: $id) { paymentMethod { brand last4 expMonth expYear } } }": types.PaymentMethodCardDocument,
    "query PaymentMethodNext($id: ID!) { org(id: $id) { nextInvoice { amountDue total currency date lines { description amount proration } } } }": types.PaymentMethodNextDocument,
    "mutation PaymentMethodStart($o: ID!) { startPaymentMethodUpdate(orgId: $o) { id url } }": types.PaymentMethodStartDocument,
    "mutation PaymentMethodComplete($o: ID!, $s: ID!) { completePaymentMethodUpdate(orgId: $o, sessionId: $s) { id paymentMethod { brand last4 } } }": types.PaymentMethodCompleteDocument,
    "query PaymentMethodAudit($id: ID!) { org(id: $id) { auditLog { action actorEmail details } } }": types.PaymentMethodAuditDocument,
    "query PaymentMethodPeriodEnd($id: ID!) { org(id: $id) { subscription { currentPeriodEnd } } }": types.PaymentMethodPeriodEndDocument,
    "mutation PaymentMethodDowngrade($o: ID!) { scheduleDowngrade(orgId: $o) { id } }": types.PaymentMethodDowngradeDocument,
    "mutation PaymentMethodCancel($o: ID!) { scheduleCancellation(orgId: $o) { id } }": types.PaymentMethodCancelDocument,
    "query TeamOrg($id: ID!) { org(id: $id) { id name plan seats members { id role user { email } } spaces { id name } } }": types.TeamOrgDocument,
    "query TeamInvitations($id: ID!) { org(id: $id) { invitations { id email role acceptUrl } } }": types.TeamInvitationsDocument,
    "mutation TeamInvite($orgId: ID!, $email: String!, $role: Role!) { inviteMember(orgId: $orgId, email: $email, role: $role) { id email role acceptUrl } }": types.TeamInviteDocument,
    "mutation TeamAccept($token: String!) { acceptInvitation(token: $token) { id role orgId user { email } } }": types.TeamAcceptDocument,
    "mutation TeamTransfer($orgId: ID!, $memberId: ID!) { transferOwnership(orgId: $orgId, memberId: $memberId) { id } }": types.TeamTransferDocument,
    "query TeamAudit($id: ID!) { org(id: $id) { auditLog { action actorEmail details } } }": types.TeamAuditDocument,
    "mutation TeamCreateSpace($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { id name } }": types.TeamCreateSpaceDocument,
    "query TeamMyOrgs { myOrgs { id } }": types.TeamMyOrgsDocument,
    "mutation TeamRevoke($o: ID!, $i: ID!) { revokeInvitation(orgId: $o, invitationId: $i) }": types.TeamRevokeDocument,
    "mutation TeamRemove($o: ID!, $m: ID!) { removeMember(orgId: $o, memberId: $m) }": types.TeamRemoveDocument,
    "mutation TeamChangeRole($o: ID!, $m: ID!, $r: Role!) { changeMemberRole(orgId: $o, memberId: $m, role: $r) { role } }": types.TeamChangeRoleDocument,
    "mutation TeamLeave($o: ID!) { leaveOrg(orgId: $o) }": types.TeamLeaveDocument,
    "query TeamMyRole($id: ID!) { org(id: $id) { myRole } }": types.TeamMyRoleDocument,
    "query TeamPreview($token: String!) { invitationPreview(token: $token) { orgName inviterName email role status } }": types.TeamPreviewDocument,
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
export function graphql(source: "query AuditLogPage($id: ID!, $first: Int, $after: String, $prefix: String) { org(id: $id) {\n  auditEntries(first: $first, after: $after, actionPrefix: $prefix) { edges { cursor node { id action actorKind actorName actorEmail } } pageInfo { hasNextPage endCursor } } } }"): (typeof documents)["query AuditLogPage($id: ID!, $first: Int, $after: String, $prefix: String) { org(id: $id) {\n  auditEntries(first: $first, after: $after, actionPrefix: $prefix) { edges { cursor node { id action actorKind actorName actorEmail } } pageInfo { hasNextPage endCursor } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditLogWhole($id: ID!) { org(id: $id) { auditLog { id } } }"): (typeof documents)["query AuditLogWhole($id: ID!) { org(id: $id) { auditLog { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditLogSpace($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { id } }"): (typeof documents)["mutation AuditLogSpace($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditLogThreshold($o: ID!, $p: Int!) { setSoftAlertThreshold(orgId: $o, percent: $p) { id } }"): (typeof documents)["mutation AuditLogThreshold($o: ID!, $p: Int!) { setSoftAlertThreshold(orgId: $o, percent: $p) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditLogCreateKey($o: ID!) { createApiKey(orgId: $o, name: \"Nightly import\", scopes: [USAGE_WRITE]) { apiKey { id prefix } } }"): (typeof documents)["mutation AuditLogCreateKey($o: ID!) { createApiKey(orgId: $o, name: \"Nightly import\", scopes: [USAGE_WRITE]) { apiKey { id prefix } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditLogRevokeKey($o: ID!, $k: ID!) { revokeApiKey(orgId: $o, apiKeyId: $k) }"): (typeof documents)["mutation AuditLogRevokeKey($o: ID!, $k: ID!) { revokeApiKey(orgId: $o, apiKeyId: $k) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PaymentMethodCard($id: ID!) { org(id: $id) { paymentMethod { brand last4 expMonth expYear } } }"): (typeof documents)["query PaymentMethodCard($id: ID!) { org(id: $id) { paymentMethod { brand last4 expMonth expYear } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PaymentMethodNext($id: ID!) { org(id: $id) { nextInvoice { amountDue total currency date lines { description amount proration } } } }"): (typeof documents)["query PaymentMethodNext($id: ID!) { org(id: $id) { nextInvoice { amountDue total currency date lines { description amount proration } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PaymentMethodStart($o: ID!) { startPaymentMethodUpdate(orgId: $o) { id url } }"): (typeof documents)["mutation PaymentMethodStart($o: ID!) { startPaymentMethodUpdate(orgId: $o) { id url } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PaymentMethodComplete($o: ID!, $s: ID!) { completePaymentMethodUpdate(orgId: $o, sessionId: $s) { id paymentMethod { brand last4 } } }"): (typeof documents)["mutation PaymentMethodComplete($o: ID!, $s: ID!) { completePaymentMethodUpdate(orgId: $o, sessionId: $s) { id paymentMethod { brand last4 } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PaymentMethodAudit($id: ID!) { org(id: $id) { auditLog { action actorEmail details } } }"): (typeof documents)["query PaymentMethodAudit($id: ID!) { org(id: $id) { auditLog { action actorEmail details } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PaymentMethodPeriodEnd($id: ID!) { org(id: $id) { subscription { currentPeriodEnd } } }"): (typeof documents)["query PaymentMethodPeriodEnd($id: ID!) { org(id: $id) { subscription { currentPeriodEnd } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PaymentMethodDowngrade($o: ID!) { scheduleDowngrade(orgId: $o) { id } }"): (typeof documents)["mutation PaymentMethodDowngrade($o: ID!) { scheduleDowngrade(orgId: $o) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PaymentMethodCancel($o: ID!) { scheduleCancellation(orgId: $o) { id } }"): (typeof documents)["mutation PaymentMethodCancel($o: ID!) { scheduleCancellation(orgId: $o) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TeamOrg($id: ID!) { org(id: $id) { id name plan seats members { id role user { email } } spaces { id name } } }"): (typeof documents)["query TeamOrg($id: ID!) { org(id: $id) { id name plan seats members { id role user { email } } spaces { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TeamInvitations($id: ID!) { org(id: $id) { invitations { id email role acceptUrl } } }"): (typeof documents)["query TeamInvitations($id: ID!) { org(id: $id) { invitations { id email role acceptUrl } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TeamInvite($orgId: ID!, $email: String!, $role: Role!) { inviteMember(orgId: $orgId, email: $email, role: $role) { id email role acceptUrl } }"): (typeof documents)["mutation TeamInvite($orgId: ID!, $email: String!, $role: Role!) { inviteMember(orgId: $orgId, email: $email, role: $role) { id email role acceptUrl } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TeamAccept($token: String!) { acceptInvitation(token: $token) { id role orgId user { email } } }"): (typeof documents)["mutation TeamAccept($token: String!) { acceptInvitation(token: $token) { id role orgId user { email } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TeamTransfer($orgId: ID!, $memberId: ID!) { transferOwnership(orgId: $orgId, memberId: $memberId) { id } }"): (typeof documents)["mutation TeamTransfer($orgId: ID!, $memberId: ID!) { transferOwnership(orgId: $orgId, memberId: $memberId) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TeamAudit($id: ID!) { org(id: $id) { auditLog { action actorEmail details } } }"): (typeof documents)["query TeamAudit($id: ID!) { org(id: $id) { auditLog { action actorEmail details } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TeamCreateSpace($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { id name } }"): (typeof documents)["mutation TeamCreateSpace($o: ID!, $n: String!) { createSpace(orgId: $o, name: $n) { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TeamMyOrgs { myOrgs { id } }"): (typeof documents)["query TeamMyOrgs { myOrgs { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TeamRevoke($o: ID!, $i: ID!) { revokeInvitation(orgId: $o, invitationId: $i) }"): (typeof documents)["mutation TeamRevoke($o: ID!, $i: ID!) { revokeInvitation(orgId: $o, invitationId: $i) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TeamRemove($o: ID!, $m: ID!) { removeMember(orgId: $o, memberId: $m) }"): (typeof documents)["mutation TeamRemove($o: ID!, $m: ID!) { removeMember(orgId: $o, memberId: $m) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TeamChangeRole($o: ID!, $m: ID!, $r: Role!) { changeMemberRole(orgId: $o, memberId: $m, role: $r) { role } }"): (typeof documents)["mutation TeamChangeRole($o: ID!, $m: ID!, $r: Role!) { changeMemberRole(orgId: $o, memberId: $m, role: $r) { role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TeamLeave($o: ID!) { leaveOrg(orgId: $o) }"): (typeof documents)["mutation TeamLeave($o: ID!) { leaveOrg(orgId: $o) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TeamMyRole($id: ID!) { org(id: $id) { myRole } }"): (typeof documents)["query TeamMyRole($id: ID!) { org(id: $id) { myRole } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TeamPreview($token: String!) { invitationPreview(token: $token) { orgName inviterName email role status } }"): (typeof documents)["query TeamPreview($token: String!) { invitationPreview(token: $token) { orgName inviterName email role status } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
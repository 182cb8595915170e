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
    "\n  mutation CancelPersonalPlan {\n    cancelPersonalPlan {\n      status\n      interval\n      currentPeriodEnd\n      cancelAtPeriodEnd\n    }\n  }\n": typeof types.CancelPersonalPlanDocument,
    "\n  mutation CompletePersonalCheckout($sessionId: ID!) {\n    completePersonalCheckout(sessionId: $sessionId) {\n      ...SessionUser\n      ...PersonalAccount\n    }\n  }\n": typeof types.CompletePersonalCheckoutDocument,
    "\n  mutation StartPersonalCheckout($plan: Plan!) {\n    startPersonalCheckout(plan: $plan) {\n      id\n      url\n    }\n  }\n": typeof types.StartPersonalCheckoutDocument,
    "\n  query AccountOrgs {\n    myOrgs {\n      id\n      name\n      plan\n      myRole\n      members {\n        id\n        personalCreditsAllowed\n        user {\n          id\n        }\n      }\n    }\n  }\n": typeof types.AccountOrgsDocument,
    "\n  fragment PersonalAccount on User {\n    id\n    plan\n    creditBalance\n    personalSubscription {\n      status\n      interval\n      currentPeriodEnd\n      cancelAtPeriodEnd\n    }\n  }\n": typeof types.PersonalAccountFragmentDoc,
    "\n  fragment BillingDetails on Org {\n    id\n    billingEmail\n    taxIds {\n      type\n      value\n    }\n  }\n": typeof types.BillingDetailsFragmentDoc,
    "\n  query OrgBillingDetails($orgId: ID!) {\n    org(id: $orgId) {\n      ...BillingDetails\n    }\n  }\n": typeof types.OrgBillingDetailsDocument,
    "\n  mutation UpdateBillingDetails($orgId: ID!, $billingEmail: String, $taxId: TaxIdInput) {\n    updateBillingDetails(orgId: $orgId, billingEmail: $billingEmail, taxId: $taxId) {\n      ...BillingDetails\n    }\n  }\n": typeof types.UpdateBillingDetailsDocument,
    "\n  mutation CompletePaymentMethodUpdate($orgId: ID!, $sessionId: ID!) {\n    completePaymentMethodUpdate(orgId: $orgId, sessionId: $sessionId) {\n      id\n      paymentMethod {\n        ...PaymentMethodFields\n      }\n    }\n  }\n": typeof types.CompletePaymentMethodUpdateDocument,
    "\n  fragment CatalogFields on Catalog {\n    currency\n    personalPlans {\n      plan\n      monthlyPriceCents\n      monthlyCredits\n    }\n    team {\n      baseMonthlyCredits\n      creditsPerSeat\n      prices {\n        interval\n        baseCents\n        seatCents\n      }\n    }\n    topUp {\n      minCredits\n      maxCredits\n      stepCredits\n      centsPerStep\n    }\n    enterpriseDefaultMonthlyCredits\n  }\n": typeof types.CatalogFieldsFragmentDoc,
    "\n  query Catalog {\n    catalog {\n      ...CatalogFields\n    }\n  }\n": typeof types.CatalogDocument,
    "\n  fragment CreditHistoryEntryFields on CreditHistoryEntry {\n    id\n    at\n    kind\n    bucket\n    credits\n    balanceAfter\n    description\n  }\n": typeof types.CreditHistoryEntryFieldsFragmentDoc,
    "\n  query CreditHistory($orgId: ID!, $first: Int!, $after: String) {\n    org(id: $orgId) {\n      id\n      creditHistory(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...CreditHistoryEntryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.CreditHistoryDocument,
    "\n  mutation DevAdvanceClock($days: Int!) {\n    devAdvanceClock(days: $days)\n  }\n": typeof types.DevAdvanceClockDocument,
    "\n  query DevToolsRole($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      myRole\n    }\n  }\n": typeof types.DevToolsRoleDocument,
    "\n  fragment DowngradePreviewFields on DowngradePreview {\n    effectiveAt\n    topUpCreditsLost\n    monthlyCreditsLost\n    membersLosingAccess {\n      id\n      role\n      user {\n        id\n        name\n        email\n      }\n    }\n    spacesLosingAccess {\n      id\n      name\n    }\n  }\n": typeof types.DowngradePreviewFieldsFragmentDoc,
    "\n  query DowngradePreview($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      downgradePreview {\n        ...DowngradePreviewFields\n      }\n    }\n  }\n": typeof types.DowngradePreviewDocument,
    "\n  mutation ScheduleDowngrade($orgId: ID!) {\n    scheduleDowngrade(orgId: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n": typeof types.ScheduleDowngradeDocument,
    "\n  mutation ScheduleCancellation($orgId: ID!) {\n    scheduleCancellation(orgId: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n": typeof types.ScheduleCancellationDocument,
    "\n  mutation CancelDowngrade($orgId: ID!) {\n    cancelDowngrade(orgId: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n": typeof types.CancelDowngradeDocument,
    "\n  fragment EnterpriseRequestItem on EnterpriseRequest {\n    id\n    message\n    createdAt\n    requestedBy {\n      id\n      name\n      email\n    }\n  }\n": typeof types.EnterpriseRequestItemFragmentDoc,
    "\n  query OrgEnterpriseRequests($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      enterpriseRequests {\n        ...EnterpriseRequestItem\n      }\n    }\n  }\n": typeof types.OrgEnterpriseRequestsDocument,
    "\n  mutation RequestEnterpriseContact($orgId: ID!, $message: String!) {\n    requestEnterpriseContact(orgId: $orgId, message: $message)\n  }\n": typeof types.RequestEnterpriseContactDocument,
    "\n  fragment InvoiceItem on Invoice {\n    id\n    number\n    status\n    currency\n    amountDue\n    amountPaid\n    periodStart\n    periodEnd\n    createdAt\n    hostedUrl\n    pdfUrl\n    subtotal\n    tax\n    total\n    customerEmail\n    customerTaxIds {\n      type\n      value\n    }\n    lines {\n      description\n      amount\n      quantity\n      proration\n      periodStart\n      periodEnd\n    }\n  }\n": typeof types.InvoiceItemFragmentDoc,
    "\n  query OrgInvoices($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      invoices {\n        ...InvoiceItem\n      }\n    }\n  }\n": typeof types.OrgInvoicesDocument,
    "\n  mutation RefreshInvoices($orgId: ID!) {\n    refreshInvoices(orgId: $orgId) {\n      ...InvoiceItem\n    }\n  }\n": typeof types.RefreshInvoicesDocument,
    "\n  query OrgNextInvoice($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      nextInvoice {\n        amountDue\n        total\n        currency\n        date\n        lines {\n          description\n          amount\n          proration\n        }\n      }\n    }\n  }\n": typeof types.OrgNextInvoiceDocument,
    "\n  query OrgOwner($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        role\n        user {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n": typeof types.OrgOwnerDocument,
    "\n  fragment PaymentMethodFields on PaymentMethod {\n    brand\n    last4\n    expMonth\n    expYear\n  }\n": typeof types.PaymentMethodFieldsFragmentDoc,
    "\n  query OrgPaymentMethod($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      paymentMethod {\n        ...PaymentMethodFields\n      }\n    }\n  }\n": typeof types.OrgPaymentMethodDocument,
    "\n  mutation StartPaymentMethodUpdate($orgId: ID!) {\n    startPaymentMethodUpdate(orgId: $orgId) {\n      id\n      url\n    }\n  }\n": typeof types.StartPaymentMethodUpdateDocument,
    "\n  fragment SubscriptionFields on Subscription {\n    status\n    interval\n    currentPeriodEnd\n    cancelAtPeriodEnd\n    pendingPlan\n  }\n": typeof types.SubscriptionFieldsFragmentDoc,
    "\n  fragment PoolFields on Pool {\n    monthlyAllotment\n    monthlyRemaining\n    topUpRemaining\n    totalRemaining\n    periodStart\n    periodEnd\n    reserved\n  }\n": typeof types.PoolFieldsFragmentDoc,
    "\n  mutation StartTopUpCheckout($orgId: ID!, $credits: Int!) {\n    startTopUpCheckout(orgId: $orgId, credits: $credits) {\n      id\n      url\n    }\n  }\n": typeof types.StartTopUpCheckoutDocument,
    "\n  query TopUpOrg($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n": typeof types.TopUpOrgDocument,
    "\n  mutation StartTeamCheckout($orgId: ID!, $interval: BillingInterval!) {\n    startTeamCheckout(orgId: $orgId, interval: $interval) {\n      id\n      url\n    }\n  }\n": typeof types.StartTeamCheckoutDocument,
    "\n  query DevToolsEnabled {\n    devToolsEnabled\n  }\n": typeof types.DevToolsEnabledDocument,
    "\n  query OrgSwitcher {\n    myOrgs {\n      id\n      name\n      plan\n      myRole\n    }\n  }\n": typeof types.OrgSwitcherDocument,
    "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n": typeof types.LogoutEverywhereDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation CreateOrg($name: String!) {\n    createOrg(name: $name) {\n      ...OrgSummary\n    }\n  }\n": typeof types.CreateOrgDocument,
    "\n  fragment OrgSummary on Org {\n    id\n    name\n    plan\n    seats\n  }\n": typeof types.OrgSummaryFragmentDoc,
    "\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      id\n      role\n    }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  mutation SetPersonalCreditsAllowed($orgId: ID!, $allowed: Boolean!) {\n    setPersonalCreditsAllowed(orgId: $orgId, allowed: $allowed) {\n      id\n      personalCreditsAllowed\n    }\n  }\n": typeof types.SetPersonalCreditsAllowedDocument,
    "\n  query JoinedOrg {\n    myOrgs {\n      id\n      name\n      members {\n        id\n      }\n    }\n  }\n": typeof types.JoinedOrgDocument,
    "\n  query InvitationPreview($token: String!) {\n    invitationPreview(token: $token) {\n      orgName\n      inviterName\n      email\n      role\n      status\n      expiresAt\n    }\n  }\n": typeof types.InvitationPreviewDocument,
    "\n  query Account {\n    me {\n      ...SessionUser\n      ...PersonalAccount\n    }\n  }\n": typeof types.AccountDocument,
    "\n  fragment BillingOrg on Org {\n    id\n    name\n    plan\n    seats\n    myRole\n    softAlertThresholdPercent\n    spacesOwnerOnly\n    ssoEnabled\n    dpaSigned\n    subscription {\n      ...SubscriptionFields\n    }\n    pool {\n      ...PoolFields\n    }\n  }\n": typeof types.BillingOrgFragmentDoc,
    "\n  query OrgBilling($orgId: ID!) {\n    org(id: $orgId) {\n      ...BillingOrg\n    }\n  }\n": typeof types.OrgBillingDocument,
    "\n  mutation CompleteCheckout($sessionId: ID!) {\n    completeCheckout(sessionId: $sessionId) {\n      ...BillingOrg\n    }\n  }\n": typeof types.CompleteCheckoutDocument,
    "\n  query DevMailbox($first: Int!) {\n    devMailbox(first: $first) {\n      id\n      to\n      subject\n      text\n      kind\n      createdAt\n      sentAt\n    }\n  }\n": typeof types.DevMailboxDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  query MyOrgs {\n    myOrgs {\n      ...OrgSummary\n    }\n  }\n": typeof types.MyOrgsDocument,
    "\n  query OrgHome($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      seats\n      billingInterval\n      myRole\n      pool {\n        ...PoolFields\n      }\n      caps {\n        id\n        scope\n        targetId\n        monthlyLimit\n        usedThisPeriod\n      }\n      members {\n        id\n        user {\n          id\n        }\n      }\n    }\n  }\n": typeof types.OrgHomeDocument,
    "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...SessionUser\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation SignUp($email: String!, $password: String!, $name: String!) {\n    signUp(email: $email, password: $password, name: $name) {\n      ...SessionUser\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  query SupportOrg($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      seats\n      billingInterval\n      softAlertThresholdPercent\n      pool {\n        ...PoolFields\n      }\n      members {\n        ...TeamMember\n      }\n      usage {\n        from\n        to\n        totalCredits\n        calls\n        byMember {\n          memberId\n          name\n          credits\n          calls\n        }\n      }\n    }\n  }\n": typeof types.SupportOrgDocument,
    "\n  query SupportLedgerCheck($orgId: ID!) {\n    supportLedgerCheck(orgId: $orgId) {\n      orgId\n      checkedAt\n      ok\n      problems\n    }\n  }\n": typeof types.SupportLedgerCheckDocument,
    "\n  query SupportSearch($query: String!) {\n    supportSearchOrgs(query: $query) {\n      id\n      name\n      plan\n      seats\n    }\n  }\n": typeof types.SupportSearchDocument,
    "\n  query SupportEnterpriseRequests {\n    supportEnterpriseRequests {\n      id\n      message\n      createdAt\n      requestedBy {\n        id\n        name\n        email\n      }\n      org {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SupportEnterpriseRequestsDocument,
    "\n  query TeamSettings($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      seats\n      myRole\n      plan\n      softAlertThresholdPercent\n      pool {\n        ...PoolFields\n      }\n      caps {\n        ...CapItem\n      }\n      members {\n        ...TeamMember\n      }\n      spaces {\n        ...SpaceItem\n      }\n    }\n  }\n": typeof types.TeamSettingsDocument,
    "\n  fragment UsageReportFields on UsageReport {\n    from\n    to\n    totalCredits\n    calls\n    byMember {\n      memberId\n      name\n      credits\n      calls\n    }\n    bySpace {\n      spaceId\n      name\n      credits\n      calls\n    }\n    byModel {\n      model\n      credits\n      calls\n    }\n    daily {\n      date\n      credits\n      calls\n    }\n  }\n": typeof types.UsageReportFieldsFragmentDoc,
    "\n  query OrgUsage($orgId: ID!, $from: DateTime, $to: DateTime) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      myRole\n      softAlertThresholdPercent\n      pool {\n        ...PoolFields\n      }\n      forecast {\n        burnPerDay\n        daysLeft\n        runsOutBeforeReset\n        historyHours\n      }\n      # A MEMBER gets their own cap and the Spaces' (the server narrows it).\n      caps {\n        id\n        scope\n        targetId\n        monthlyLimit\n        usedThisPeriod\n      }\n      usage(from: $from, to: $to) {\n        ...UsageReportFields\n      }\n    }\n  }\n": typeof types.OrgUsageDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      emailVerified\n    }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  mutation ResendVerificationEmail {\n    resendVerificationEmail\n  }\n": typeof types.ResendVerificationEmailDocument,
    "\n  fragment SessionUser on User {\n    id\n    name\n    email\n    plan\n    isStaff\n    emailVerified\n  }\n": typeof types.SessionUserFragmentDoc,
    "\n  query Me {\n    me {\n      ...SessionUser\n    }\n  }\n": typeof types.MeDocument,
    "\n  query OrgMembership($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        role\n        user {\n          id\n        }\n      }\n    }\n  }\n": typeof types.OrgMembershipDocument,
    "\n  mutation AdjustCredits($orgId: ID!, $bucket: CreditBucket!, $credits: Int!, $reason: String!) {\n    adjustCredits(orgId: $orgId, bucket: $bucket, credits: $credits, reason: $reason) {\n      ...CreditAdjustmentFields\n      pool {\n        ...PoolFields\n      }\n    }\n  }\n": typeof types.AdjustCreditsDocument,
    "\n  fragment CreditAdjustmentFields on CreditAdjustment {\n    id\n    at\n    bucket\n    credits\n    before\n    after\n    reason\n    actorEmail\n    description\n    reversalOf\n    reversedBy\n  }\n": typeof types.CreditAdjustmentFieldsFragmentDoc,
    "\n  query CreditAdjustments($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      creditAdjustments(first: 20) {\n        ...CreditAdjustmentFields\n      }\n    }\n  }\n": typeof types.CreditAdjustmentsDocument,
    "\n  mutation ReverseCreditAdjustment($orgId: ID!, $adjustmentId: ID!) {\n    reverseCreditAdjustment(orgId: $orgId, adjustmentId: $adjustmentId) {\n      ...CreditAdjustmentFields\n    }\n  }\n": typeof types.ReverseCreditAdjustmentDocument,
    "\n  fragment ApiKeyItem on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    lastUsedAt\n    createdByUserId\n    createdByName\n  }\n": typeof types.ApiKeyItemFragmentDoc,
    "\n  query OrgApiKeys($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      apiKeys {\n        ...ApiKeyItem\n      }\n    }\n  }\n": typeof types.OrgApiKeysDocument,
    "\n  query IntegrationIds($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        user {\n          id\n          name\n        }\n      }\n      spaces {\n        id\n        name\n      }\n    }\n  }\n": typeof types.IntegrationIdsDocument,
    "\n  mutation RevokeApiKey($orgId: ID!, $apiKeyId: ID!) {\n    revokeApiKey(orgId: $orgId, apiKeyId: $apiKeyId)\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    action\n    actorKind\n    actorName\n    at\n    summary\n    details\n  }\n": typeof types.AuditEntryFieldsFragmentDoc,
    "\n  query OrgAuditEntries($orgId: ID!, $first: Int!, $after: String, $actionPrefix: String) {\n    org(id: $orgId) {\n      id\n      auditEntries(first: $first, after: $after, actionPrefix: $actionPrefix) {\n        edges {\n          cursor\n          node {\n            ...AuditEntryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.OrgAuditEntriesDocument,
    "\n  fragment CapRequestItem on CapIncreaseRequest {\n    id\n    capId\n    currentLimit\n    requestedLimit\n    reason\n    status\n    createdAt\n    decidedAt\n    requestedBy {\n      id\n      user {\n        id\n        name\n      }\n    }\n    decidedBy {\n      id\n      user {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CapRequestItemFragmentDoc,
    "\n  query OrgCapRequests($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      capIncreaseRequests {\n        ...CapRequestItem\n      }\n    }\n  }\n": typeof types.OrgCapRequestsDocument,
    "\n  mutation RequestCapIncrease($orgId: ID!, $capId: ID!, $monthlyLimit: Int!, $reason: String!) {\n    requestCapIncrease(orgId: $orgId, capId: $capId, monthlyLimit: $monthlyLimit, reason: $reason) {\n      ...CapRequestItem\n    }\n  }\n": typeof types.RequestCapIncreaseDocument,
    "\n  mutation DecideCapIncrease($orgId: ID!, $requestId: ID!, $approve: Boolean!) {\n    decideCapIncrease(orgId: $orgId, requestId: $requestId, approve: $approve) {\n      ...CapRequestItem\n    }\n  }\n": typeof types.DecideCapIncreaseDocument,
    "\n  mutation SetCap($orgId: ID!, $scope: CapScope!, $targetId: ID!, $monthlyLimit: Int!) {\n    setCap(orgId: $orgId, scope: $scope, targetId: $targetId, monthlyLimit: $monthlyLimit) {\n      ...CapItem\n    }\n  }\n": typeof types.SetCapDocument,
    "\n  mutation RemoveCap($orgId: ID!, $capId: ID!) {\n    removeCap(orgId: $orgId, capId: $capId)\n  }\n": typeof types.RemoveCapDocument,
    "\n  fragment CapItem on Cap {\n    id\n    scope\n    targetId\n    monthlyLimit\n    usedThisPeriod\n  }\n": typeof types.CapItemFragmentDoc,
    "\n  mutation CreateApiKey($orgId: ID!, $name: String!, $scopes: [ApiKeyScope!]!) {\n    createApiKey(orgId: $orgId, name: $name, scopes: $scopes) {\n      secret\n      apiKey {\n        ...ApiKeyItem\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation CreateSpace($orgId: ID!, $name: String!) {\n    createSpace(orgId: $orgId, name: $name) {\n      ...SpaceItem\n    }\n  }\n": typeof types.CreateSpaceDocument,
    "\n  mutation CreateUsageAlert($orgId: ID!, $scope: AlertScope!, $targetId: ID, $thresholdPercent: Int!, $notifyRoles: [Role!]!) {\n    createUsageAlert(orgId: $orgId, scope: $scope, targetId: $targetId, thresholdPercent: $thresholdPercent, notifyRoles: $notifyRoles) {\n      ...UsageAlertItem\n    }\n  }\n": typeof types.CreateUsageAlertDocument,
    "\n  mutation CreateWebhookEndpoint($orgId: ID!, $url: String!, $eventTypes: [String!]!) {\n    createWebhookEndpoint(orgId: $orgId, url: $url, eventTypes: $eventTypes) {\n      secret\n      endpoint {\n        ...WebhookEndpointItem\n      }\n    }\n  }\n": typeof types.CreateWebhookEndpointDocument,
    "\n  mutation InviteMember($orgId: ID!, $email: String!, $role: Role!) {\n    inviteMember(orgId: $orgId, email: $email, role: $role) {\n      ...PendingInvitation\n    }\n  }\n": typeof types.InviteMemberDocument,
    "\n  mutation LeaveOrg($orgId: ID!) {\n    leaveOrg(orgId: $orgId)\n  }\n": typeof types.LeaveOrgDocument,
    "\n  mutation SetMyPersonalCredits($orgId: ID!, $allowed: Boolean!) {\n    setPersonalCreditsAllowed(orgId: $orgId, allowed: $allowed) {\n      id\n      personalCreditsAllowed\n    }\n  }\n": typeof types.SetMyPersonalCreditsDocument,
    "\n  mutation ChangeMemberRole($orgId: ID!, $memberId: ID!, $role: Role!) {\n    changeMemberRole(orgId: $orgId, memberId: $memberId, role: $role) {\n      id\n      role\n    }\n  }\n": typeof types.ChangeMemberRoleDocument,
    "\n  mutation RemoveMember($orgId: ID!, $memberId: ID!) {\n    removeMember(orgId: $orgId, memberId: $memberId)\n  }\n": typeof types.RemoveMemberDocument,
    "\n  mutation TransferOwnership($orgId: ID!, $memberId: ID!) {\n    transferOwnership(orgId: $orgId, memberId: $memberId) {\n      id\n      myRole\n      members {\n        id\n        role\n      }\n    }\n  }\n": typeof types.TransferOwnershipDocument,
    "\n  fragment TeamMember on Member {\n    id\n    role\n    joinedAt\n    personalCreditsAllowed\n    user {\n      id\n      name\n      email\n    }\n  }\n": typeof types.TeamMemberFragmentDoc,
    "\n  mutation RenameOrg($orgId: ID!, $name: String!) {\n    renameOrg(orgId: $orgId, name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.RenameOrgDocument,
    "\n  mutation DeleteOrg($orgId: ID!) {\n    deleteOrg(orgId: $orgId)\n  }\n": typeof types.DeleteOrgDocument,
    "\n  fragment PendingInvitation on Invitation {\n    id\n    email\n    role\n    createdAt\n    expiresAt\n    acceptUrl\n  }\n": typeof types.PendingInvitationFragmentDoc,
    "\n  query OrgInvitations($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      invitations {\n        ...PendingInvitation\n      }\n    }\n  }\n": typeof types.OrgInvitationsDocument,
    "\n  mutation RevokeInvitation($orgId: ID!, $invitationId: ID!) {\n    revokeInvitation(orgId: $orgId, invitationId: $invitationId)\n  }\n": typeof types.RevokeInvitationDocument,
    "\n  mutation ResendInvitation($orgId: ID!, $invitationId: ID!) {\n    resendInvitation(orgId: $orgId, invitationId: $invitationId) {\n      ...PendingInvitation\n    }\n  }\n": typeof types.ResendInvitationDocument,
    "\n  mutation SetSoftAlertThreshold($orgId: ID!, $percent: Int!) {\n    setSoftAlertThreshold(orgId: $orgId, percent: $percent) {\n      id\n      softAlertThresholdPercent\n    }\n  }\n": typeof types.SetSoftAlertThresholdDocument,
    "\n  fragment SpaceItem on Space {\n    id\n    name\n  }\n": typeof types.SpaceItemFragmentDoc,
    "\n  mutation RenameSpace($orgId: ID!, $spaceId: ID!, $name: String!) {\n    renameSpace(orgId: $orgId, spaceId: $spaceId, name: $name) {\n      ...SpaceItem\n    }\n  }\n": typeof types.RenameSpaceDocument,
    "\n  fragment UsageAlertItem on UsageAlert {\n    id\n    scope\n    targetId\n    thresholdPercent\n    notifyRoles\n    triggered\n    lastTriggeredAt\n  }\n": typeof types.UsageAlertItemFragmentDoc,
    "\n  query OrgUsageAlerts($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      usageAlerts {\n        ...UsageAlertItem\n      }\n    }\n  }\n": typeof types.OrgUsageAlertsDocument,
    "\n  mutation DeleteUsageAlert($orgId: ID!, $alertId: ID!) {\n    deleteUsageAlert(orgId: $orgId, alertId: $alertId)\n  }\n": typeof types.DeleteUsageAlertDocument,
    "\n  fragment WebhookDeliveryItem on WebhookDelivery {\n    id\n    eventId\n    eventType\n    endpointId\n    status\n    attempts\n    lastAttemptAt\n    lastResponseStatus\n    lastError\n    nextAttemptAt\n    createdAt\n  }\n": typeof types.WebhookDeliveryItemFragmentDoc,
    "\n  query OrgWebhookDeliveries($orgId: ID!, $first: Int!, $after: String) {\n    org(id: $orgId) {\n      id\n      webhookDeliveries(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...WebhookDeliveryItem\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.OrgWebhookDeliveriesDocument,
    "\n  mutation RedeliverWebhook($orgId: ID!, $deliveryId: ID!) {\n    redeliverWebhook(orgId: $orgId, deliveryId: $deliveryId) {\n      ...WebhookDeliveryItem\n    }\n  }\n": typeof types.RedeliverWebhookDocument,
    "\n  mutation PingWebhookEndpoint($orgId: ID!, $endpointId: ID!) {\n    pingWebhookEndpoint(orgId: $orgId, endpointId: $endpointId) {\n      ...WebhookDeliveryItem\n    }\n  }\n": typeof types.PingWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($orgId: ID!, $endpointId: ID!) {\n    deleteWebhookEndpoint(orgId: $orgId, endpointId: $endpointId)\n  }\n": typeof types.DeleteWebhookEndpointDocument,
    "\n  fragment WebhookEndpointItem on WebhookEndpoint {\n    id\n    url\n    eventTypes\n    createdAt\n    disabled\n    failingSince\n  }\n": typeof types.WebhookEndpointItemFragmentDoc,
    "\n  query OrgWebhookEndpoints($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      webhookEndpoints {\n        ...WebhookEndpointItem\n      }\n    }\n  }\n": typeof types.OrgWebhookEndpointsDocument,
    "\n  query OrgRefusedCalls($orgId: ID!, $from: DateTime, $to: DateTime) {\n    org(id: $orgId) {\n      id\n      refusedCalls(from: $from, to: $to) {\n        total\n        byMember {\n          memberId\n          name\n          count\n        }\n        bySpace {\n          spaceId\n          name\n          count\n        }\n        byReason {\n          reason\n          description\n          count\n        }\n      }\n    }\n  }\n": typeof types.OrgRefusedCallsDocument,
    "\n  fragment UsageEventItem on UsageEvent {\n    id\n    memberId\n    spaceId\n    model\n    credits\n    fromTopUp\n    fromMonthly\n    occurredAt\n    voidedAt\n    voidReason\n  }\n": typeof types.UsageEventItemFragmentDoc,
    "\n  query OrgUsageEvents($orgId: ID!, $first: Int!, $after: String) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        user {\n          id\n          name\n        }\n      }\n      spaces {\n        id\n        name\n      }\n      usageEvents(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...UsageEventItem\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.OrgUsageEventsDocument,
    "\n  mutation VoidUsage($orgId: ID!, $eventId: ID!, $reason: String!) {\n    voidUsage(orgId: $orgId, eventId: $eventId, reason: $reason) {\n      ...UsageEventItem\n    }\n  }\n": typeof types.VoidUsageDocument,
};
const documents: Documents = {
    "\n  mutation CancelPersonalPlan {\n    cancelPersonalPlan {\n      status\n      interval\n      currentPeriodEnd\n      cancelAtPeriodEnd\n    }\n  }\n": types.CancelPersonalPlanDocument,
    "\n  mutation CompletePersonalCheckout($sessionId: ID!) {\n    completePersonalCheckout(sessionId: $sessionId) {\n      ...SessionUser\n      ...PersonalAccount\n    }\n  }\n": types.CompletePersonalCheckoutDocument,
    "\n  mutation StartPersonalCheckout($plan: Plan!) {\n    startPersonalCheckout(plan: $plan) {\n      id\n      url\n    }\n  }\n": types.StartPersonalCheckoutDocument,
    "\n  query AccountOrgs {\n    myOrgs {\n      id\n      name\n      plan\n      myRole\n      members {\n        id\n        personalCreditsAllowed\n        user {\n          id\n        }\n      }\n    }\n  }\n": types.AccountOrgsDocument,
    "\n  fragment PersonalAccount on User {\n    id\n    plan\n    creditBalance\n    personalSubscription {\n      status\n      interval\n      currentPeriodEnd\n      cancelAtPeriodEnd\n    }\n  }\n": types.PersonalAccountFragmentDoc,
    "\n  fragment BillingDetails on Org {\n    id\n    billingEmail\n    taxIds {\n      type\n      value\n    }\n  }\n": types.BillingDetailsFragmentDoc,
    "\n  query OrgBillingDetails($orgId: ID!) {\n    org(id: $orgId) {\n      ...BillingDetails\n    }\n  }\n": types.OrgBillingDetailsDocument,
    "\n  mutation UpdateBillingDetails($orgId: ID!, $billingEmail: String, $taxId: TaxIdInput) {\n    updateBillingDetails(orgId: $orgId, billingEmail: $billingEmail, taxId: $taxId) {\n      ...BillingDetails\n    }\n  }\n": types.UpdateBillingDetailsDocument,
    "\n  mutation CompletePaymentMethodUpdate($orgId: ID!, $sessionId: ID!) {\n    completePaymentMethodUpdate(orgId: $orgId, sessionId: $sessionId) {\n      id\n      paymentMethod {\n        ...PaymentMethodFields\n      }\n    }\n  }\n": types.CompletePaymentMethodUpdateDocument,
    "\n  fragment CatalogFields on Catalog {\n    currency\n    personalPlans {\n      plan\n      monthlyPriceCents\n      monthlyCredits\n    }\n    team {\n      baseMonthlyCredits\n      creditsPerSeat\n      prices {\n        interval\n        baseCents\n        seatCents\n      }\n    }\n    topUp {\n      minCredits\n      maxCredits\n      stepCredits\n      centsPerStep\n    }\n    enterpriseDefaultMonthlyCredits\n  }\n": types.CatalogFieldsFragmentDoc,
    "\n  query Catalog {\n    catalog {\n      ...CatalogFields\n    }\n  }\n": types.CatalogDocument,
    "\n  fragment CreditHistoryEntryFields on CreditHistoryEntry {\n    id\n    at\n    kind\n    bucket\n    credits\n    balanceAfter\n    description\n  }\n": types.CreditHistoryEntryFieldsFragmentDoc,
    "\n  query CreditHistory($orgId: ID!, $first: Int!, $after: String) {\n    org(id: $orgId) {\n      id\n      creditHistory(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...CreditHistoryEntryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.CreditHistoryDocument,
    "\n  mutation DevAdvanceClock($days: Int!) {\n    devAdvanceClock(days: $days)\n  }\n": types.DevAdvanceClockDocument,
    "\n  query DevToolsRole($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      myRole\n    }\n  }\n": types.DevToolsRoleDocument,
    "\n  fragment DowngradePreviewFields on DowngradePreview {\n    effectiveAt\n    topUpCreditsLost\n    monthlyCreditsLost\n    membersLosingAccess {\n      id\n      role\n      user {\n        id\n        name\n        email\n      }\n    }\n    spacesLosingAccess {\n      id\n      name\n    }\n  }\n": types.DowngradePreviewFieldsFragmentDoc,
    "\n  query DowngradePreview($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      downgradePreview {\n        ...DowngradePreviewFields\n      }\n    }\n  }\n": types.DowngradePreviewDocument,
    "\n  mutation ScheduleDowngrade($orgId: ID!) {\n    scheduleDowngrade(orgId: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n": types.ScheduleDowngradeDocument,
    "\n  mutation ScheduleCancellation($orgId: ID!) {\n    scheduleCancellation(orgId: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n": types.ScheduleCancellationDocument,
    "\n  mutation CancelDowngrade($orgId: ID!) {\n    cancelDowngrade(orgId: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n": types.CancelDowngradeDocument,
    "\n  fragment EnterpriseRequestItem on EnterpriseRequest {\n    id\n    message\n    createdAt\n    requestedBy {\n      id\n      name\n      email\n    }\n  }\n": types.EnterpriseRequestItemFragmentDoc,
    "\n  query OrgEnterpriseRequests($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      enterpriseRequests {\n        ...EnterpriseRequestItem\n      }\n    }\n  }\n": types.OrgEnterpriseRequestsDocument,
    "\n  mutation RequestEnterpriseContact($orgId: ID!, $message: String!) {\n    requestEnterpriseContact(orgId: $orgId, message: $message)\n  }\n": types.RequestEnterpriseContactDocument,
    "\n  fragment InvoiceItem on Invoice {\n    id\n    number\n    status\n    currency\n    amountDue\n    amountPaid\n    periodStart\n    periodEnd\n    createdAt\n    hostedUrl\n    pdfUrl\n    subtotal\n    tax\n    total\n    customerEmail\n    customerTaxIds {\n      type\n      value\n    }\n    lines {\n      description\n      amount\n      quantity\n      proration\n      periodStart\n      periodEnd\n    }\n  }\n": types.InvoiceItemFragmentDoc,
    "\n  query OrgInvoices($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      invoices {\n        ...InvoiceItem\n      }\n    }\n  }\n": types.OrgInvoicesDocument,
    "\n  mutation RefreshInvoices($orgId: ID!) {\n    refreshInvoices(orgId: $orgId) {\n      ...InvoiceItem\n    }\n  }\n": types.RefreshInvoicesDocument,
    "\n  query OrgNextInvoice($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      nextInvoice {\n        amountDue\n        total\n        currency\n        date\n        lines {\n          description\n          amount\n          proration\n        }\n      }\n    }\n  }\n": types.OrgNextInvoiceDocument,
    "\n  query OrgOwner($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        role\n        user {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n": types.OrgOwnerDocument,
    "\n  fragment PaymentMethodFields on PaymentMethod {\n    brand\n    last4\n    expMonth\n    expYear\n  }\n": types.PaymentMethodFieldsFragmentDoc,
    "\n  query OrgPaymentMethod($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      paymentMethod {\n        ...PaymentMethodFields\n      }\n    }\n  }\n": types.OrgPaymentMethodDocument,
    "\n  mutation StartPaymentMethodUpdate($orgId: ID!) {\n    startPaymentMethodUpdate(orgId: $orgId) {\n      id\n      url\n    }\n  }\n": types.StartPaymentMethodUpdateDocument,
    "\n  fragment SubscriptionFields on Subscription {\n    status\n    interval\n    currentPeriodEnd\n    cancelAtPeriodEnd\n    pendingPlan\n  }\n": types.SubscriptionFieldsFragmentDoc,
    "\n  fragment PoolFields on Pool {\n    monthlyAllotment\n    monthlyRemaining\n    topUpRemaining\n    totalRemaining\n    periodStart\n    periodEnd\n    reserved\n  }\n": types.PoolFieldsFragmentDoc,
    "\n  mutation StartTopUpCheckout($orgId: ID!, $credits: Int!) {\n    startTopUpCheckout(orgId: $orgId, credits: $credits) {\n      id\n      url\n    }\n  }\n": types.StartTopUpCheckoutDocument,
    "\n  query TopUpOrg($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n": types.TopUpOrgDocument,
    "\n  mutation StartTeamCheckout($orgId: ID!, $interval: BillingInterval!) {\n    startTeamCheckout(orgId: $orgId, interval: $interval) {\n      id\n      url\n    }\n  }\n": types.StartTeamCheckoutDocument,
    "\n  query DevToolsEnabled {\n    devToolsEnabled\n  }\n": types.DevToolsEnabledDocument,
    "\n  query OrgSwitcher {\n    myOrgs {\n      id\n      name\n      plan\n      myRole\n    }\n  }\n": types.OrgSwitcherDocument,
    "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n": types.LogoutEverywhereDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation CreateOrg($name: String!) {\n    createOrg(name: $name) {\n      ...OrgSummary\n    }\n  }\n": types.CreateOrgDocument,
    "\n  fragment OrgSummary on Org {\n    id\n    name\n    plan\n    seats\n  }\n": types.OrgSummaryFragmentDoc,
    "\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      id\n      role\n    }\n  }\n": types.AcceptInvitationDocument,
    "\n  mutation SetPersonalCreditsAllowed($orgId: ID!, $allowed: Boolean!) {\n    setPersonalCreditsAllowed(orgId: $orgId, allowed: $allowed) {\n      id\n      personalCreditsAllowed\n    }\n  }\n": types.SetPersonalCreditsAllowedDocument,
    "\n  query JoinedOrg {\n    myOrgs {\n      id\n      name\n      members {\n        id\n      }\n    }\n  }\n": types.JoinedOrgDocument,
    "\n  query InvitationPreview($token: String!) {\n    invitationPreview(token: $token) {\n      orgName\n      inviterName\n      email\n      role\n      status\n      expiresAt\n    }\n  }\n": types.InvitationPreviewDocument,
    "\n  query Account {\n    me {\n      ...SessionUser\n      ...PersonalAccount\n    }\n  }\n": types.AccountDocument,
    "\n  fragment BillingOrg on Org {\n    id\n    name\n    plan\n    seats\n    myRole\n    softAlertThresholdPercent\n    spacesOwnerOnly\n    ssoEnabled\n    dpaSigned\n    subscription {\n      ...SubscriptionFields\n    }\n    pool {\n      ...PoolFields\n    }\n  }\n": types.BillingOrgFragmentDoc,
    "\n  query OrgBilling($orgId: ID!) {\n    org(id: $orgId) {\n      ...BillingOrg\n    }\n  }\n": types.OrgBillingDocument,
    "\n  mutation CompleteCheckout($sessionId: ID!) {\n    completeCheckout(sessionId: $sessionId) {\n      ...BillingOrg\n    }\n  }\n": types.CompleteCheckoutDocument,
    "\n  query DevMailbox($first: Int!) {\n    devMailbox(first: $first) {\n      id\n      to\n      subject\n      text\n      kind\n      createdAt\n      sentAt\n    }\n  }\n": types.DevMailboxDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  query MyOrgs {\n    myOrgs {\n      ...OrgSummary\n    }\n  }\n": types.MyOrgsDocument,
    "\n  query OrgHome($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      seats\n      billingInterval\n      myRole\n      pool {\n        ...PoolFields\n      }\n      caps {\n        id\n        scope\n        targetId\n        monthlyLimit\n        usedThisPeriod\n      }\n      members {\n        id\n        user {\n          id\n        }\n      }\n    }\n  }\n": types.OrgHomeDocument,
    "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password)\n  }\n": types.ResetPasswordDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...SessionUser\n    }\n  }\n": types.LoginDocument,
    "\n  mutation SignUp($email: String!, $password: String!, $name: String!) {\n    signUp(email: $email, password: $password, name: $name) {\n      ...SessionUser\n    }\n  }\n": types.SignUpDocument,
    "\n  query SupportOrg($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      seats\n      billingInterval\n      softAlertThresholdPercent\n      pool {\n        ...PoolFields\n      }\n      members {\n        ...TeamMember\n      }\n      usage {\n        from\n        to\n        totalCredits\n        calls\n        byMember {\n          memberId\n          name\n          credits\n          calls\n        }\n      }\n    }\n  }\n": types.SupportOrgDocument,
    "\n  query SupportLedgerCheck($orgId: ID!) {\n    supportLedgerCheck(orgId: $orgId) {\n      orgId\n      checkedAt\n      ok\n      problems\n    }\n  }\n": types.SupportLedgerCheckDocument,
    "\n  query SupportSearch($query: String!) {\n    supportSearchOrgs(query: $query) {\n      id\n      name\n      plan\n      seats\n    }\n  }\n": types.SupportSearchDocument,
    "\n  query SupportEnterpriseRequests {\n    supportEnterpriseRequests {\n      id\n      message\n      createdAt\n      requestedBy {\n        id\n        name\n        email\n      }\n      org {\n        id\n        name\n      }\n    }\n  }\n": types.SupportEnterpriseRequestsDocument,
    "\n  query TeamSettings($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      seats\n      myRole\n      plan\n      softAlertThresholdPercent\n      pool {\n        ...PoolFields\n      }\n      caps {\n        ...CapItem\n      }\n      members {\n        ...TeamMember\n      }\n      spaces {\n        ...SpaceItem\n      }\n    }\n  }\n": types.TeamSettingsDocument,
    "\n  fragment UsageReportFields on UsageReport {\n    from\n    to\n    totalCredits\n    calls\n    byMember {\n      memberId\n      name\n      credits\n      calls\n    }\n    bySpace {\n      spaceId\n      name\n      credits\n      calls\n    }\n    byModel {\n      model\n      credits\n      calls\n    }\n    daily {\n      date\n      credits\n      calls\n    }\n  }\n": types.UsageReportFieldsFragmentDoc,
    "\n  query OrgUsage($orgId: ID!, $from: DateTime, $to: DateTime) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      myRole\n      softAlertThresholdPercent\n      pool {\n        ...PoolFields\n      }\n      forecast {\n        burnPerDay\n        daysLeft\n        runsOutBeforeReset\n        historyHours\n      }\n      # A MEMBER gets their own cap and the Spaces' (the server narrows it).\n      caps {\n        id\n        scope\n        targetId\n        monthlyLimit\n        usedThisPeriod\n      }\n      usage(from: $from, to: $to) {\n        ...UsageReportFields\n      }\n    }\n  }\n": types.OrgUsageDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      emailVerified\n    }\n  }\n": types.VerifyEmailDocument,
    "\n  mutation ResendVerificationEmail {\n    resendVerificationEmail\n  }\n": types.ResendVerificationEmailDocument,
    "\n  fragment SessionUser on User {\n    id\n    name\n    email\n    plan\n    isStaff\n    emailVerified\n  }\n": types.SessionUserFragmentDoc,
    "\n  query Me {\n    me {\n      ...SessionUser\n    }\n  }\n": types.MeDocument,
    "\n  query OrgMembership($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        role\n        user {\n          id\n        }\n      }\n    }\n  }\n": types.OrgMembershipDocument,
    "\n  mutation AdjustCredits($orgId: ID!, $bucket: CreditBucket!, $credits: Int!, $reason: String!) {\n    adjustCredits(orgId: $orgId, bucket: $bucket, credits: $credits, reason: $reason) {\n      ...CreditAdjustmentFields\n      pool {\n        ...PoolFields\n      }\n    }\n  }\n": types.AdjustCreditsDocument,
    "\n  fragment CreditAdjustmentFields on CreditAdjustment {\n    id\n    at\n    bucket\n    credits\n    before\n    after\n    reason\n    actorEmail\n    description\n    reversalOf\n    reversedBy\n  }\n": types.CreditAdjustmentFieldsFragmentDoc,
    "\n  query CreditAdjustments($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      creditAdjustments(first: 20) {\n        ...CreditAdjustmentFields\n      }\n    }\n  }\n": types.CreditAdjustmentsDocument,
    "\n  mutation ReverseCreditAdjustment($orgId: ID!, $adjustmentId: ID!) {\n    reverseCreditAdjustment(orgId: $orgId, adjustmentId: $adjustmentId) {\n      ...CreditAdjustmentFields\n    }\n  }\n": types.ReverseCreditAdjustmentDocument,
    "\n  fragment ApiKeyItem on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    lastUsedAt\n    createdByUserId\n    createdByName\n  }\n": types.ApiKeyItemFragmentDoc,
    "\n  query OrgApiKeys($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      apiKeys {\n        ...ApiKeyItem\n      }\n    }\n  }\n": types.OrgApiKeysDocument,
    "\n  query IntegrationIds($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        user {\n          id\n          name\n        }\n      }\n      spaces {\n        id\n        name\n      }\n    }\n  }\n": types.IntegrationIdsDocument,
    "\n  mutation RevokeApiKey($orgId: ID!, $apiKeyId: ID!) {\n    revokeApiKey(orgId: $orgId, apiKeyId: $apiKeyId)\n  }\n": types.RevokeApiKeyDocument,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    action\n    actorKind\n    actorName\n    at\n    summary\n    details\n  }\n": types.AuditEntryFieldsFragmentDoc,
    "\n  query OrgAuditEntries($orgId: ID!, $first: Int!, $after: String, $actionPrefix: String) {\n    org(id: $orgId) {\n      id\n      auditEntries(first: $first, after: $after, actionPrefix: $actionPrefix) {\n        edges {\n          cursor\n          node {\n            ...AuditEntryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.OrgAuditEntriesDocument,
    "\n  fragment CapRequestItem on CapIncreaseRequest {\n    id\n    capId\n    currentLimit\n    requestedLimit\n    reason\n    status\n    createdAt\n    decidedAt\n    requestedBy {\n      id\n      user {\n        id\n        name\n      }\n    }\n    decidedBy {\n      id\n      user {\n        id\n        name\n      }\n    }\n  }\n": types.CapRequestItemFragmentDoc,
    "\n  query OrgCapRequests($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      capIncreaseRequests {\n        ...CapRequestItem\n      }\n    }\n  }\n": types.OrgCapRequestsDocument,
    "\n  mutation RequestCapIncrease($orgId: ID!, $capId: ID!, $monthlyLimit: Int!, $reason: String!) {\n    requestCapIncrease(orgId: $orgId, capId: $capId, monthlyLimit: $monthlyLimit, reason: $reason) {\n      ...CapRequestItem\n    }\n  }\n": types.RequestCapIncreaseDocument,
    "\n  mutation DecideCapIncrease($orgId: ID!, $requestId: ID!, $approve: Boolean!) {\n    decideCapIncrease(orgId: $orgId, requestId: $requestId, approve: $approve) {\n      ...CapRequestItem\n    }\n  }\n": types.DecideCapIncreaseDocument,
    "\n  mutation SetCap($orgId: ID!, $scope: CapScope!, $targetId: ID!, $monthlyLimit: Int!) {\n    setCap(orgId: $orgId, scope: $scope, targetId: $targetId, monthlyLimit: $monthlyLimit) {\n      ...CapItem\n    }\n  }\n": types.SetCapDocument,
    "\n  mutation RemoveCap($orgId: ID!, $capId: ID!) {\n    removeCap(orgId: $orgId, capId: $capId)\n  }\n": types.RemoveCapDocument,
    "\n  fragment CapItem on Cap {\n    id\n    scope\n    targetId\n    monthlyLimit\n    usedThisPeriod\n  }\n": types.CapItemFragmentDoc,
    "\n  mutation CreateApiKey($orgId: ID!, $name: String!, $scopes: [ApiKeyScope!]!) {\n    createApiKey(orgId: $orgId, name: $name, scopes: $scopes) {\n      secret\n      apiKey {\n        ...ApiKeyItem\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation CreateSpace($orgId: ID!, $name: String!) {\n    createSpace(orgId: $orgId, name: $name) {\n      ...SpaceItem\n    }\n  }\n": types.CreateSpaceDocument,
    "\n  mutation CreateUsageAlert($orgId: ID!, $scope: AlertScope!, $targetId: ID, $thresholdPercent: Int!, $notifyRoles: [Role!]!) {\n    createUsageAlert(orgId: $orgId, scope: $scope, targetId: $targetId, thresholdPercent: $thresholdPercent, notifyRoles: $notifyRoles) {\n      ...UsageAlertItem\n    }\n  }\n": types.CreateUsageAlertDocument,
    "\n  mutation CreateWebhookEndpoint($orgId: ID!, $url: String!, $eventTypes: [String!]!) {\n    createWebhookEndpoint(orgId: $orgId, url: $url, eventTypes: $eventTypes) {\n      secret\n      endpoint {\n        ...WebhookEndpointItem\n      }\n    }\n  }\n": types.CreateWebhookEndpointDocument,
    "\n  mutation InviteMember($orgId: ID!, $email: String!, $role: Role!) {\n    inviteMember(orgId: $orgId, email: $email, role: $role) {\n      ...PendingInvitation\n    }\n  }\n": types.InviteMemberDocument,
    "\n  mutation LeaveOrg($orgId: ID!) {\n    leaveOrg(orgId: $orgId)\n  }\n": types.LeaveOrgDocument,
    "\n  mutation SetMyPersonalCredits($orgId: ID!, $allowed: Boolean!) {\n    setPersonalCreditsAllowed(orgId: $orgId, allowed: $allowed) {\n      id\n      personalCreditsAllowed\n    }\n  }\n": types.SetMyPersonalCreditsDocument,
    "\n  mutation ChangeMemberRole($orgId: ID!, $memberId: ID!, $role: Role!) {\n    changeMemberRole(orgId: $orgId, memberId: $memberId, role: $role) {\n      id\n      role\n    }\n  }\n": types.ChangeMemberRoleDocument,
    "\n  mutation RemoveMember($orgId: ID!, $memberId: ID!) {\n    removeMember(orgId: $orgId, memberId: $memberId)\n  }\n": types.RemoveMemberDocument,
    "\n  mutation TransferOwnership($orgId: ID!, $memberId: ID!) {\n    transferOwnership(orgId: $orgId, memberId: $memberId) {\n      id\n      myRole\n      members {\n        id\n        role\n      }\n    }\n  }\n": types.TransferOwnershipDocument,
    "\n  fragment TeamMember on Member {\n    id\n    role\n    joinedAt\n    personalCreditsAllowed\n    user {\n      id\n      name\n      email\n    }\n  }\n": types.TeamMemberFragmentDoc,
    "\n  mutation RenameOrg($orgId: ID!, $name: String!) {\n    renameOrg(orgId: $orgId, name: $name) {\n      id\n      name\n    }\n  }\n": types.RenameOrgDocument,
    "\n  mutation DeleteOrg($orgId: ID!) {\n    deleteOrg(orgId: $orgId)\n  }\n": types.DeleteOrgDocument,
    "\n  fragment PendingInvitation on Invitation {\n    id\n    email\n    role\n    createdAt\n    expiresAt\n    acceptUrl\n  }\n": types.PendingInvitationFragmentDoc,
    "\n  query OrgInvitations($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      invitations {\n        ...PendingInvitation\n      }\n    }\n  }\n": types.OrgInvitationsDocument,
    "\n  mutation RevokeInvitation($orgId: ID!, $invitationId: ID!) {\n    revokeInvitation(orgId: $orgId, invitationId: $invitationId)\n  }\n": types.RevokeInvitationDocument,
    "\n  mutation ResendInvitation($orgId: ID!, $invitationId: ID!) {\n    resendInvitation(orgId: $orgId, invitationId: $invitationId) {\n      ...PendingInvitation\n    }\n  }\n": types.ResendInvitationDocument,
    "\n  mutation SetSoftAlertThreshold($orgId: ID!, $percent: Int!) {\n    setSoftAlertThreshold(orgId: $orgId, percent: $percent) {\n      id\n      softAlertThresholdPercent\n    }\n  }\n": types.SetSoftAlertThresholdDocument,
    "\n  fragment SpaceItem on Space {\n    id\n    name\n  }\n": types.SpaceItemFragmentDoc,
    "\n  mutation RenameSpace($orgId: ID!, $spaceId: ID!, $name: String!) {\n    renameSpace(orgId: $orgId, spaceId: $spaceId, name: $name) {\n      ...SpaceItem\n    }\n  }\n": types.RenameSpaceDocument,
    "\n  fragment UsageAlertItem on UsageAlert {\n    id\n    scope\n    targetId\n    thresholdPercent\n    notifyRoles\n    triggered\n    lastTriggeredAt\n  }\n": types.UsageAlertItemFragmentDoc,
    "\n  query OrgUsageAlerts($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      usageAlerts {\n        ...UsageAlertItem\n      }\n    }\n  }\n": types.OrgUsageAlertsDocument,
    "\n  mutation DeleteUsageAlert($orgId: ID!, $alertId: ID!) {\n    deleteUsageAlert(orgId: $orgId, alertId: $alertId)\n  }\n": types.DeleteUsageAlertDocument,
    "\n  fragment WebhookDeliveryItem on WebhookDelivery {\n    id\n    eventId\n    eventType\n    endpointId\n    status\n    attempts\n    lastAttemptAt\n    lastResponseStatus\n    lastError\n    nextAttemptAt\n    createdAt\n  }\n": types.WebhookDeliveryItemFragmentDoc,
    "\n  query OrgWebhookDeliveries($orgId: ID!, $first: Int!, $after: String) {\n    org(id: $orgId) {\n      id\n      webhookDeliveries(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...WebhookDeliveryItem\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.OrgWebhookDeliveriesDocument,
    "\n  mutation RedeliverWebhook($orgId: ID!, $deliveryId: ID!) {\n    redeliverWebhook(orgId: $orgId, deliveryId: $deliveryId) {\n      ...WebhookDeliveryItem\n    }\n  }\n": types.RedeliverWebhookDocument,
    "\n  mutation PingWebhookEndpoint($orgId: ID!, $endpointId: ID!) {\n    pingWebhookEndpoint(orgId: $orgId, endpointId: $endpointId) {\n      ...WebhookDeliveryItem\n    }\n  }\n": types.PingWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($orgId: ID!, $endpointId: ID!) {\n    deleteWebhookEndpoint(orgId: $orgId, endpointId: $endpointId)\n  }\n": types.DeleteWebhookEndpointDocument,
    "\n  fragment WebhookEndpointItem on WebhookEndpoint {\n    id\n    url\n    eventTypes\n    createdAt\n    disabled\n    failingSince\n  }\n": types.WebhookEndpointItemFragmentDoc,
    "\n  query OrgWebhookEndpoints($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      webhookEndpoints {\n        ...WebhookEndpointItem\n      }\n    }\n  }\n": types.OrgWebhookEndpointsDocument,
    "\n  query OrgRefusedCalls($orgId: ID!, $from: DateTime, $to: DateTime) {\n    org(id: $orgId) {\n      id\n      refusedCalls(from: $from, to: $to) {\n        total\n        byMember {\n          memberId\n          name\n          count\n        }\n        bySpace {\n          spaceId\n          name\n          count\n        }\n        byReason {\n          reason\n          description\n          count\n        }\n      }\n    }\n  }\n": types.OrgRefusedCallsDocument,
    "\n  fragment UsageEventItem on UsageEvent {\n    id\n    memberId\n    spaceId\n    model\n    credits\n    fromTopUp\n    fromMonthly\n    occurredAt\n    voidedAt\n    voidReason\n  }\n": types.UsageEventItemFragmentDoc,
    "\n  query OrgUsageEvents($orgId: ID!, $first: Int!, $after: String) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        user {\n          id\n          name\n        }\n      }\n      spaces {\n        id\n        name\n      }\n      usageEvents(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...UsageEventItem\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.OrgUsageEventsDocument,
    "\n  mutation VoidUsage($orgId: ID!, $eventId: ID!, $reason: String!) {\n    voidUsage(orgId: $orgId, eventId: $eventId, reason: $reason) {\n      ...UsageEventItem\n    }\n  }\n": types.VoidUsageDocument,
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
export function graphql(source: "\n  mutation CancelPersonalPlan {\n    cancelPersonalPlan {\n      status\n      interval\n      currentPeriodEnd\n      cancelAtPeriodEnd\n    }\n  }\n"): (typeof documents)["\n  mutation CancelPersonalPlan {\n    cancelPersonalPlan {\n      status\n      interval\n      currentPeriodEnd\n      cancelAtPeriodEnd\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompletePersonalCheckout($sessionId: ID!) {\n    completePersonalCheckout(sessionId: $sessionId) {\n      ...SessionUser\n      ...PersonalAccount\n    }\n  }\n"): (typeof documents)["\n  mutation CompletePersonalCheckout($sessionId: ID!) {\n    completePersonalCheckout(sessionId: $sessionId) {\n      ...SessionUser\n      ...PersonalAccount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartPersonalCheckout($plan: Plan!) {\n    startPersonalCheckout(plan: $plan) {\n      id\n      url\n    }\n  }\n"): (typeof documents)["\n  mutation StartPersonalCheckout($plan: Plan!) {\n    startPersonalCheckout(plan: $plan) {\n      id\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountOrgs {\n    myOrgs {\n      id\n      name\n      plan\n      myRole\n      members {\n        id\n        personalCreditsAllowed\n        user {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountOrgs {\n    myOrgs {\n      id\n      name\n      plan\n      myRole\n      members {\n        id\n        personalCreditsAllowed\n        user {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PersonalAccount on User {\n    id\n    plan\n    creditBalance\n    personalSubscription {\n      status\n      interval\n      currentPeriodEnd\n      cancelAtPeriodEnd\n    }\n  }\n"): (typeof documents)["\n  fragment PersonalAccount on User {\n    id\n    plan\n    creditBalance\n    personalSubscription {\n      status\n      interval\n      currentPeriodEnd\n      cancelAtPeriodEnd\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillingDetails on Org {\n    id\n    billingEmail\n    taxIds {\n      type\n      value\n    }\n  }\n"): (typeof documents)["\n  fragment BillingDetails on Org {\n    id\n    billingEmail\n    taxIds {\n      type\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgBillingDetails($orgId: ID!) {\n    org(id: $orgId) {\n      ...BillingDetails\n    }\n  }\n"): (typeof documents)["\n  query OrgBillingDetails($orgId: ID!) {\n    org(id: $orgId) {\n      ...BillingDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateBillingDetails($orgId: ID!, $billingEmail: String, $taxId: TaxIdInput) {\n    updateBillingDetails(orgId: $orgId, billingEmail: $billingEmail, taxId: $taxId) {\n      ...BillingDetails\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateBillingDetails($orgId: ID!, $billingEmail: String, $taxId: TaxIdInput) {\n    updateBillingDetails(orgId: $orgId, billingEmail: $billingEmail, taxId: $taxId) {\n      ...BillingDetails\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompletePaymentMethodUpdate($orgId: ID!, $sessionId: ID!) {\n    completePaymentMethodUpdate(orgId: $orgId, sessionId: $sessionId) {\n      id\n      paymentMethod {\n        ...PaymentMethodFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CompletePaymentMethodUpdate($orgId: ID!, $sessionId: ID!) {\n    completePaymentMethodUpdate(orgId: $orgId, sessionId: $sessionId) {\n      id\n      paymentMethod {\n        ...PaymentMethodFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CatalogFields on Catalog {\n    currency\n    personalPlans {\n      plan\n      monthlyPriceCents\n      monthlyCredits\n    }\n    team {\n      baseMonthlyCredits\n      creditsPerSeat\n      prices {\n        interval\n        baseCents\n        seatCents\n      }\n    }\n    topUp {\n      minCredits\n      maxCredits\n      stepCredits\n      centsPerStep\n    }\n    enterpriseDefaultMonthlyCredits\n  }\n"): (typeof documents)["\n  fragment CatalogFields on Catalog {\n    currency\n    personalPlans {\n      plan\n      monthlyPriceCents\n      monthlyCredits\n    }\n    team {\n      baseMonthlyCredits\n      creditsPerSeat\n      prices {\n        interval\n        baseCents\n        seatCents\n      }\n    }\n    topUp {\n      minCredits\n      maxCredits\n      stepCredits\n      centsPerStep\n    }\n    enterpriseDefaultMonthlyCredits\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalog {\n    catalog {\n      ...CatalogFields\n    }\n  }\n"): (typeof documents)["\n  query Catalog {\n    catalog {\n      ...CatalogFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CreditHistoryEntryFields on CreditHistoryEntry {\n    id\n    at\n    kind\n    bucket\n    credits\n    balanceAfter\n    description\n  }\n"): (typeof documents)["\n  fragment CreditHistoryEntryFields on CreditHistoryEntry {\n    id\n    at\n    kind\n    bucket\n    credits\n    balanceAfter\n    description\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditHistory($orgId: ID!, $first: Int!, $after: String) {\n    org(id: $orgId) {\n      id\n      creditHistory(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...CreditHistoryEntryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CreditHistory($orgId: ID!, $first: Int!, $after: String) {\n    org(id: $orgId) {\n      id\n      creditHistory(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...CreditHistoryEntryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DevAdvanceClock($days: Int!) {\n    devAdvanceClock(days: $days)\n  }\n"): (typeof documents)["\n  mutation DevAdvanceClock($days: Int!) {\n    devAdvanceClock(days: $days)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DevToolsRole($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      myRole\n    }\n  }\n"): (typeof documents)["\n  query DevToolsRole($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      myRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DowngradePreviewFields on DowngradePreview {\n    effectiveAt\n    topUpCreditsLost\n    monthlyCreditsLost\n    membersLosingAccess {\n      id\n      role\n      user {\n        id\n        name\n        email\n      }\n    }\n    spacesLosingAccess {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment DowngradePreviewFields on DowngradePreview {\n    effectiveAt\n    topUpCreditsLost\n    monthlyCreditsLost\n    membersLosingAccess {\n      id\n      role\n      user {\n        id\n        name\n        email\n      }\n    }\n    spacesLosingAccess {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DowngradePreview($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      downgradePreview {\n        ...DowngradePreviewFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query DowngradePreview($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      downgradePreview {\n        ...DowngradePreviewFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScheduleDowngrade($orgId: ID!) {\n    scheduleDowngrade(orgId: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ScheduleDowngrade($orgId: ID!) {\n    scheduleDowngrade(orgId: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScheduleCancellation($orgId: ID!) {\n    scheduleCancellation(orgId: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ScheduleCancellation($orgId: ID!) {\n    scheduleCancellation(orgId: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelDowngrade($orgId: ID!) {\n    cancelDowngrade(orgId: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelDowngrade($orgId: ID!) {\n    cancelDowngrade(orgId: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EnterpriseRequestItem on EnterpriseRequest {\n    id\n    message\n    createdAt\n    requestedBy {\n      id\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment EnterpriseRequestItem on EnterpriseRequest {\n    id\n    message\n    createdAt\n    requestedBy {\n      id\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgEnterpriseRequests($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      enterpriseRequests {\n        ...EnterpriseRequestItem\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgEnterpriseRequests($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      enterpriseRequests {\n        ...EnterpriseRequestItem\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestEnterpriseContact($orgId: ID!, $message: String!) {\n    requestEnterpriseContact(orgId: $orgId, message: $message)\n  }\n"): (typeof documents)["\n  mutation RequestEnterpriseContact($orgId: ID!, $message: String!) {\n    requestEnterpriseContact(orgId: $orgId, message: $message)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceItem on Invoice {\n    id\n    number\n    status\n    currency\n    amountDue\n    amountPaid\n    periodStart\n    periodEnd\n    createdAt\n    hostedUrl\n    pdfUrl\n    subtotal\n    tax\n    total\n    customerEmail\n    customerTaxIds {\n      type\n      value\n    }\n    lines {\n      description\n      amount\n      quantity\n      proration\n      periodStart\n      periodEnd\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceItem on Invoice {\n    id\n    number\n    status\n    currency\n    amountDue\n    amountPaid\n    periodStart\n    periodEnd\n    createdAt\n    hostedUrl\n    pdfUrl\n    subtotal\n    tax\n    total\n    customerEmail\n    customerTaxIds {\n      type\n      value\n    }\n    lines {\n      description\n      amount\n      quantity\n      proration\n      periodStart\n      periodEnd\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgInvoices($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      invoices {\n        ...InvoiceItem\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgInvoices($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      invoices {\n        ...InvoiceItem\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshInvoices($orgId: ID!) {\n    refreshInvoices(orgId: $orgId) {\n      ...InvoiceItem\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshInvoices($orgId: ID!) {\n    refreshInvoices(orgId: $orgId) {\n      ...InvoiceItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgNextInvoice($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      nextInvoice {\n        amountDue\n        total\n        currency\n        date\n        lines {\n          description\n          amount\n          proration\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgNextInvoice($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      nextInvoice {\n        amountDue\n        total\n        currency\n        date\n        lines {\n          description\n          amount\n          proration\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgOwner($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        role\n        user {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgOwner($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        role\n        user {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PaymentMethodFields on PaymentMethod {\n    brand\n    last4\n    expMonth\n    expYear\n  }\n"): (typeof documents)["\n  fragment PaymentMethodFields on PaymentMethod {\n    brand\n    last4\n    expMonth\n    expYear\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgPaymentMethod($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      paymentMethod {\n        ...PaymentMethodFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgPaymentMethod($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      paymentMethod {\n        ...PaymentMethodFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartPaymentMethodUpdate($orgId: ID!) {\n    startPaymentMethodUpdate(orgId: $orgId) {\n      id\n      url\n    }\n  }\n"): (typeof documents)["\n  mutation StartPaymentMethodUpdate($orgId: ID!) {\n    startPaymentMethodUpdate(orgId: $orgId) {\n      id\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SubscriptionFields on Subscription {\n    status\n    interval\n    currentPeriodEnd\n    cancelAtPeriodEnd\n    pendingPlan\n  }\n"): (typeof documents)["\n  fragment SubscriptionFields on Subscription {\n    status\n    interval\n    currentPeriodEnd\n    cancelAtPeriodEnd\n    pendingPlan\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PoolFields on Pool {\n    monthlyAllotment\n    monthlyRemaining\n    topUpRemaining\n    totalRemaining\n    periodStart\n    periodEnd\n    reserved\n  }\n"): (typeof documents)["\n  fragment PoolFields on Pool {\n    monthlyAllotment\n    monthlyRemaining\n    topUpRemaining\n    totalRemaining\n    periodStart\n    periodEnd\n    reserved\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTopUpCheckout($orgId: ID!, $credits: Int!) {\n    startTopUpCheckout(orgId: $orgId, credits: $credits) {\n      id\n      url\n    }\n  }\n"): (typeof documents)["\n  mutation StartTopUpCheckout($orgId: ID!, $credits: Int!) {\n    startTopUpCheckout(orgId: $orgId, credits: $credits) {\n      id\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TopUpOrg($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query TopUpOrg($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      plan\n      subscription {\n        ...SubscriptionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTeamCheckout($orgId: ID!, $interval: BillingInterval!) {\n    startTeamCheckout(orgId: $orgId, interval: $interval) {\n      id\n      url\n    }\n  }\n"): (typeof documents)["\n  mutation StartTeamCheckout($orgId: ID!, $interval: BillingInterval!) {\n    startTeamCheckout(orgId: $orgId, interval: $interval) {\n      id\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DevToolsEnabled {\n    devToolsEnabled\n  }\n"): (typeof documents)["\n  query DevToolsEnabled {\n    devToolsEnabled\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgSwitcher {\n    myOrgs {\n      id\n      name\n      plan\n      myRole\n    }\n  }\n"): (typeof documents)["\n  query OrgSwitcher {\n    myOrgs {\n      id\n      name\n      plan\n      myRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n"): (typeof documents)["\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n"];
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
export function graphql(source: "\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      id\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) {\n      id\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPersonalCreditsAllowed($orgId: ID!, $allowed: Boolean!) {\n    setPersonalCreditsAllowed(orgId: $orgId, allowed: $allowed) {\n      id\n      personalCreditsAllowed\n    }\n  }\n"): (typeof documents)["\n  mutation SetPersonalCreditsAllowed($orgId: ID!, $allowed: Boolean!) {\n    setPersonalCreditsAllowed(orgId: $orgId, allowed: $allowed) {\n      id\n      personalCreditsAllowed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JoinedOrg {\n    myOrgs {\n      id\n      name\n      members {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query JoinedOrg {\n    myOrgs {\n      id\n      name\n      members {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvitationPreview($token: String!) {\n    invitationPreview(token: $token) {\n      orgName\n      inviterName\n      email\n      role\n      status\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  query InvitationPreview($token: String!) {\n    invitationPreview(token: $token) {\n      orgName\n      inviterName\n      email\n      role\n      status\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Account {\n    me {\n      ...SessionUser\n      ...PersonalAccount\n    }\n  }\n"): (typeof documents)["\n  query Account {\n    me {\n      ...SessionUser\n      ...PersonalAccount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillingOrg on Org {\n    id\n    name\n    plan\n    seats\n    myRole\n    softAlertThresholdPercent\n    spacesOwnerOnly\n    ssoEnabled\n    dpaSigned\n    subscription {\n      ...SubscriptionFields\n    }\n    pool {\n      ...PoolFields\n    }\n  }\n"): (typeof documents)["\n  fragment BillingOrg on Org {\n    id\n    name\n    plan\n    seats\n    myRole\n    softAlertThresholdPercent\n    spacesOwnerOnly\n    ssoEnabled\n    dpaSigned\n    subscription {\n      ...SubscriptionFields\n    }\n    pool {\n      ...PoolFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgBilling($orgId: ID!) {\n    org(id: $orgId) {\n      ...BillingOrg\n    }\n  }\n"): (typeof documents)["\n  query OrgBilling($orgId: ID!) {\n    org(id: $orgId) {\n      ...BillingOrg\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteCheckout($sessionId: ID!) {\n    completeCheckout(sessionId: $sessionId) {\n      ...BillingOrg\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteCheckout($sessionId: ID!) {\n    completeCheckout(sessionId: $sessionId) {\n      ...BillingOrg\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DevMailbox($first: Int!) {\n    devMailbox(first: $first) {\n      id\n      to\n      subject\n      text\n      kind\n      createdAt\n      sentAt\n    }\n  }\n"): (typeof documents)["\n  query DevMailbox($first: Int!) {\n    devMailbox(first: $first) {\n      id\n      to\n      subject\n      text\n      kind\n      createdAt\n      sentAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOrgs {\n    myOrgs {\n      ...OrgSummary\n    }\n  }\n"): (typeof documents)["\n  query MyOrgs {\n    myOrgs {\n      ...OrgSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgHome($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      seats\n      billingInterval\n      myRole\n      pool {\n        ...PoolFields\n      }\n      caps {\n        id\n        scope\n        targetId\n        monthlyLimit\n        usedThisPeriod\n      }\n      members {\n        id\n        user {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgHome($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      seats\n      billingInterval\n      myRole\n      pool {\n        ...PoolFields\n      }\n      caps {\n        id\n        scope\n        targetId\n        monthlyLimit\n        usedThisPeriod\n      }\n      members {\n        id\n        user {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password)\n  }\n"];
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
export function graphql(source: "\n  query SupportOrg($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      seats\n      billingInterval\n      softAlertThresholdPercent\n      pool {\n        ...PoolFields\n      }\n      members {\n        ...TeamMember\n      }\n      usage {\n        from\n        to\n        totalCredits\n        calls\n        byMember {\n          memberId\n          name\n          credits\n          calls\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SupportOrg($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      seats\n      billingInterval\n      softAlertThresholdPercent\n      pool {\n        ...PoolFields\n      }\n      members {\n        ...TeamMember\n      }\n      usage {\n        from\n        to\n        totalCredits\n        calls\n        byMember {\n          memberId\n          name\n          credits\n          calls\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SupportLedgerCheck($orgId: ID!) {\n    supportLedgerCheck(orgId: $orgId) {\n      orgId\n      checkedAt\n      ok\n      problems\n    }\n  }\n"): (typeof documents)["\n  query SupportLedgerCheck($orgId: ID!) {\n    supportLedgerCheck(orgId: $orgId) {\n      orgId\n      checkedAt\n      ok\n      problems\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SupportSearch($query: String!) {\n    supportSearchOrgs(query: $query) {\n      id\n      name\n      plan\n      seats\n    }\n  }\n"): (typeof documents)["\n  query SupportSearch($query: String!) {\n    supportSearchOrgs(query: $query) {\n      id\n      name\n      plan\n      seats\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SupportEnterpriseRequests {\n    supportEnterpriseRequests {\n      id\n      message\n      createdAt\n      requestedBy {\n        id\n        name\n        email\n      }\n      org {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query SupportEnterpriseRequests {\n    supportEnterpriseRequests {\n      id\n      message\n      createdAt\n      requestedBy {\n        id\n        name\n        email\n      }\n      org {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamSettings($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      seats\n      myRole\n      plan\n      softAlertThresholdPercent\n      pool {\n        ...PoolFields\n      }\n      caps {\n        ...CapItem\n      }\n      members {\n        ...TeamMember\n      }\n      spaces {\n        ...SpaceItem\n      }\n    }\n  }\n"): (typeof documents)["\n  query TeamSettings($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      name\n      seats\n      myRole\n      plan\n      softAlertThresholdPercent\n      pool {\n        ...PoolFields\n      }\n      caps {\n        ...CapItem\n      }\n      members {\n        ...TeamMember\n      }\n      spaces {\n        ...SpaceItem\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UsageReportFields on UsageReport {\n    from\n    to\n    totalCredits\n    calls\n    byMember {\n      memberId\n      name\n      credits\n      calls\n    }\n    bySpace {\n      spaceId\n      name\n      credits\n      calls\n    }\n    byModel {\n      model\n      credits\n      calls\n    }\n    daily {\n      date\n      credits\n      calls\n    }\n  }\n"): (typeof documents)["\n  fragment UsageReportFields on UsageReport {\n    from\n    to\n    totalCredits\n    calls\n    byMember {\n      memberId\n      name\n      credits\n      calls\n    }\n    bySpace {\n      spaceId\n      name\n      credits\n      calls\n    }\n    byModel {\n      model\n      credits\n      calls\n    }\n    daily {\n      date\n      credits\n      calls\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgUsage($orgId: ID!, $from: DateTime, $to: DateTime) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      myRole\n      softAlertThresholdPercent\n      pool {\n        ...PoolFields\n      }\n      forecast {\n        burnPerDay\n        daysLeft\n        runsOutBeforeReset\n        historyHours\n      }\n      # A MEMBER gets their own cap and the Spaces' (the server narrows it).\n      caps {\n        id\n        scope\n        targetId\n        monthlyLimit\n        usedThisPeriod\n      }\n      usage(from: $from, to: $to) {\n        ...UsageReportFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgUsage($orgId: ID!, $from: DateTime, $to: DateTime) {\n    org(id: $orgId) {\n      id\n      name\n      plan\n      myRole\n      softAlertThresholdPercent\n      pool {\n        ...PoolFields\n      }\n      forecast {\n        burnPerDay\n        daysLeft\n        runsOutBeforeReset\n        historyHours\n      }\n      # A MEMBER gets their own cap and the Spaces' (the server narrows it).\n      caps {\n        id\n        scope\n        targetId\n        monthlyLimit\n        usedThisPeriod\n      }\n      usage(from: $from, to: $to) {\n        ...UsageReportFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      emailVerified\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      emailVerified\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendVerificationEmail {\n    resendVerificationEmail\n  }\n"): (typeof documents)["\n  mutation ResendVerificationEmail {\n    resendVerificationEmail\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionUser on User {\n    id\n    name\n    email\n    plan\n    isStaff\n    emailVerified\n  }\n"): (typeof documents)["\n  fragment SessionUser on User {\n    id\n    name\n    email\n    plan\n    isStaff\n    emailVerified\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...SessionUser\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...SessionUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgMembership($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        role\n        user {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgMembership($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        role\n        user {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdjustCredits($orgId: ID!, $bucket: CreditBucket!, $credits: Int!, $reason: String!) {\n    adjustCredits(orgId: $orgId, bucket: $bucket, credits: $credits, reason: $reason) {\n      ...CreditAdjustmentFields\n      pool {\n        ...PoolFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdjustCredits($orgId: ID!, $bucket: CreditBucket!, $credits: Int!, $reason: String!) {\n    adjustCredits(orgId: $orgId, bucket: $bucket, credits: $credits, reason: $reason) {\n      ...CreditAdjustmentFields\n      pool {\n        ...PoolFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CreditAdjustmentFields on CreditAdjustment {\n    id\n    at\n    bucket\n    credits\n    before\n    after\n    reason\n    actorEmail\n    description\n    reversalOf\n    reversedBy\n  }\n"): (typeof documents)["\n  fragment CreditAdjustmentFields on CreditAdjustment {\n    id\n    at\n    bucket\n    credits\n    before\n    after\n    reason\n    actorEmail\n    description\n    reversalOf\n    reversedBy\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditAdjustments($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      creditAdjustments(first: 20) {\n        ...CreditAdjustmentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query CreditAdjustments($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      creditAdjustments(first: 20) {\n        ...CreditAdjustmentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReverseCreditAdjustment($orgId: ID!, $adjustmentId: ID!) {\n    reverseCreditAdjustment(orgId: $orgId, adjustmentId: $adjustmentId) {\n      ...CreditAdjustmentFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReverseCreditAdjustment($orgId: ID!, $adjustmentId: ID!) {\n    reverseCreditAdjustment(orgId: $orgId, adjustmentId: $adjustmentId) {\n      ...CreditAdjustmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyItem on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    lastUsedAt\n    createdByUserId\n    createdByName\n  }\n"): (typeof documents)["\n  fragment ApiKeyItem on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    createdAt\n    lastUsedAt\n    createdByUserId\n    createdByName\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgApiKeys($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      apiKeys {\n        ...ApiKeyItem\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgApiKeys($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      apiKeys {\n        ...ApiKeyItem\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntegrationIds($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        user {\n          id\n          name\n        }\n      }\n      spaces {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query IntegrationIds($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        user {\n          id\n          name\n        }\n      }\n      spaces {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($orgId: ID!, $apiKeyId: ID!) {\n    revokeApiKey(orgId: $orgId, apiKeyId: $apiKeyId)\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($orgId: ID!, $apiKeyId: ID!) {\n    revokeApiKey(orgId: $orgId, apiKeyId: $apiKeyId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    action\n    actorKind\n    actorName\n    at\n    summary\n    details\n  }\n"): (typeof documents)["\n  fragment AuditEntryFields on AuditEntry {\n    id\n    action\n    actorKind\n    actorName\n    at\n    summary\n    details\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgAuditEntries($orgId: ID!, $first: Int!, $after: String, $actionPrefix: String) {\n    org(id: $orgId) {\n      id\n      auditEntries(first: $first, after: $after, actionPrefix: $actionPrefix) {\n        edges {\n          cursor\n          node {\n            ...AuditEntryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgAuditEntries($orgId: ID!, $first: Int!, $after: String, $actionPrefix: String) {\n    org(id: $orgId) {\n      id\n      auditEntries(first: $first, after: $after, actionPrefix: $actionPrefix) {\n        edges {\n          cursor\n          node {\n            ...AuditEntryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CapRequestItem on CapIncreaseRequest {\n    id\n    capId\n    currentLimit\n    requestedLimit\n    reason\n    status\n    createdAt\n    decidedAt\n    requestedBy {\n      id\n      user {\n        id\n        name\n      }\n    }\n    decidedBy {\n      id\n      user {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CapRequestItem on CapIncreaseRequest {\n    id\n    capId\n    currentLimit\n    requestedLimit\n    reason\n    status\n    createdAt\n    decidedAt\n    requestedBy {\n      id\n      user {\n        id\n        name\n      }\n    }\n    decidedBy {\n      id\n      user {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgCapRequests($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      capIncreaseRequests {\n        ...CapRequestItem\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgCapRequests($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      capIncreaseRequests {\n        ...CapRequestItem\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestCapIncrease($orgId: ID!, $capId: ID!, $monthlyLimit: Int!, $reason: String!) {\n    requestCapIncrease(orgId: $orgId, capId: $capId, monthlyLimit: $monthlyLimit, reason: $reason) {\n      ...CapRequestItem\n    }\n  }\n"): (typeof documents)["\n  mutation RequestCapIncrease($orgId: ID!, $capId: ID!, $monthlyLimit: Int!, $reason: String!) {\n    requestCapIncrease(orgId: $orgId, capId: $capId, monthlyLimit: $monthlyLimit, reason: $reason) {\n      ...CapRequestItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideCapIncrease($orgId: ID!, $requestId: ID!, $approve: Boolean!) {\n    decideCapIncrease(orgId: $orgId, requestId: $requestId, approve: $approve) {\n      ...CapRequestItem\n    }\n  }\n"): (typeof documents)["\n  mutation DecideCapIncrease($orgId: ID!, $requestId: ID!, $approve: Boolean!) {\n    decideCapIncrease(orgId: $orgId, requestId: $requestId, approve: $approve) {\n      ...CapRequestItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCap($orgId: ID!, $scope: CapScope!, $targetId: ID!, $monthlyLimit: Int!) {\n    setCap(orgId: $orgId, scope: $scope, targetId: $targetId, monthlyLimit: $monthlyLimit) {\n      ...CapItem\n    }\n  }\n"): (typeof documents)["\n  mutation SetCap($orgId: ID!, $scope: CapScope!, $targetId: ID!, $monthlyLimit: Int!) {\n    setCap(orgId: $orgId, scope: $scope, targetId: $targetId, monthlyLimit: $monthlyLimit) {\n      ...CapItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveCap($orgId: ID!, $capId: ID!) {\n    removeCap(orgId: $orgId, capId: $capId)\n  }\n"): (typeof documents)["\n  mutation RemoveCap($orgId: ID!, $capId: ID!) {\n    removeCap(orgId: $orgId, capId: $capId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CapItem on Cap {\n    id\n    scope\n    targetId\n    monthlyLimit\n    usedThisPeriod\n  }\n"): (typeof documents)["\n  fragment CapItem on Cap {\n    id\n    scope\n    targetId\n    monthlyLimit\n    usedThisPeriod\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($orgId: ID!, $name: String!, $scopes: [ApiKeyScope!]!) {\n    createApiKey(orgId: $orgId, name: $name, scopes: $scopes) {\n      secret\n      apiKey {\n        ...ApiKeyItem\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($orgId: ID!, $name: String!, $scopes: [ApiKeyScope!]!) {\n    createApiKey(orgId: $orgId, name: $name, scopes: $scopes) {\n      secret\n      apiKey {\n        ...ApiKeyItem\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSpace($orgId: ID!, $name: String!) {\n    createSpace(orgId: $orgId, name: $name) {\n      ...SpaceItem\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSpace($orgId: ID!, $name: String!) {\n    createSpace(orgId: $orgId, name: $name) {\n      ...SpaceItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUsageAlert($orgId: ID!, $scope: AlertScope!, $targetId: ID, $thresholdPercent: Int!, $notifyRoles: [Role!]!) {\n    createUsageAlert(orgId: $orgId, scope: $scope, targetId: $targetId, thresholdPercent: $thresholdPercent, notifyRoles: $notifyRoles) {\n      ...UsageAlertItem\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUsageAlert($orgId: ID!, $scope: AlertScope!, $targetId: ID, $thresholdPercent: Int!, $notifyRoles: [Role!]!) {\n    createUsageAlert(orgId: $orgId, scope: $scope, targetId: $targetId, thresholdPercent: $thresholdPercent, notifyRoles: $notifyRoles) {\n      ...UsageAlertItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookEndpoint($orgId: ID!, $url: String!, $eventTypes: [String!]!) {\n    createWebhookEndpoint(orgId: $orgId, url: $url, eventTypes: $eventTypes) {\n      secret\n      endpoint {\n        ...WebhookEndpointItem\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookEndpoint($orgId: ID!, $url: String!, $eventTypes: [String!]!) {\n    createWebhookEndpoint(orgId: $orgId, url: $url, eventTypes: $eventTypes) {\n      secret\n      endpoint {\n        ...WebhookEndpointItem\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteMember($orgId: ID!, $email: String!, $role: Role!) {\n    inviteMember(orgId: $orgId, email: $email, role: $role) {\n      ...PendingInvitation\n    }\n  }\n"): (typeof documents)["\n  mutation InviteMember($orgId: ID!, $email: String!, $role: Role!) {\n    inviteMember(orgId: $orgId, email: $email, role: $role) {\n      ...PendingInvitation\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveOrg($orgId: ID!) {\n    leaveOrg(orgId: $orgId)\n  }\n"): (typeof documents)["\n  mutation LeaveOrg($orgId: ID!) {\n    leaveOrg(orgId: $orgId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMyPersonalCredits($orgId: ID!, $allowed: Boolean!) {\n    setPersonalCreditsAllowed(orgId: $orgId, allowed: $allowed) {\n      id\n      personalCreditsAllowed\n    }\n  }\n"): (typeof documents)["\n  mutation SetMyPersonalCredits($orgId: ID!, $allowed: Boolean!) {\n    setPersonalCreditsAllowed(orgId: $orgId, allowed: $allowed) {\n      id\n      personalCreditsAllowed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeMemberRole($orgId: ID!, $memberId: ID!, $role: Role!) {\n    changeMemberRole(orgId: $orgId, memberId: $memberId, role: $role) {\n      id\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeMemberRole($orgId: ID!, $memberId: ID!, $role: Role!) {\n    changeMemberRole(orgId: $orgId, memberId: $memberId, role: $role) {\n      id\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMember($orgId: ID!, $memberId: ID!) {\n    removeMember(orgId: $orgId, memberId: $memberId)\n  }\n"): (typeof documents)["\n  mutation RemoveMember($orgId: ID!, $memberId: ID!) {\n    removeMember(orgId: $orgId, memberId: $memberId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransferOwnership($orgId: ID!, $memberId: ID!) {\n    transferOwnership(orgId: $orgId, memberId: $memberId) {\n      id\n      myRole\n      members {\n        id\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TransferOwnership($orgId: ID!, $memberId: ID!) {\n    transferOwnership(orgId: $orgId, memberId: $memberId) {\n      id\n      myRole\n      members {\n        id\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TeamMember on Member {\n    id\n    role\n    joinedAt\n    personalCreditsAllowed\n    user {\n      id\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  fragment TeamMember on Member {\n    id\n    role\n    joinedAt\n    personalCreditsAllowed\n    user {\n      id\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameOrg($orgId: ID!, $name: String!) {\n    renameOrg(orgId: $orgId, name: $name) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation RenameOrg($orgId: ID!, $name: String!) {\n    renameOrg(orgId: $orgId, name: $name) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteOrg($orgId: ID!) {\n    deleteOrg(orgId: $orgId)\n  }\n"): (typeof documents)["\n  mutation DeleteOrg($orgId: ID!) {\n    deleteOrg(orgId: $orgId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PendingInvitation on Invitation {\n    id\n    email\n    role\n    createdAt\n    expiresAt\n    acceptUrl\n  }\n"): (typeof documents)["\n  fragment PendingInvitation on Invitation {\n    id\n    email\n    role\n    createdAt\n    expiresAt\n    acceptUrl\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgInvitations($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      invitations {\n        ...PendingInvitation\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgInvitations($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      invitations {\n        ...PendingInvitation\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeInvitation($orgId: ID!, $invitationId: ID!) {\n    revokeInvitation(orgId: $orgId, invitationId: $invitationId)\n  }\n"): (typeof documents)["\n  mutation RevokeInvitation($orgId: ID!, $invitationId: ID!) {\n    revokeInvitation(orgId: $orgId, invitationId: $invitationId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendInvitation($orgId: ID!, $invitationId: ID!) {\n    resendInvitation(orgId: $orgId, invitationId: $invitationId) {\n      ...PendingInvitation\n    }\n  }\n"): (typeof documents)["\n  mutation ResendInvitation($orgId: ID!, $invitationId: ID!) {\n    resendInvitation(orgId: $orgId, invitationId: $invitationId) {\n      ...PendingInvitation\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetSoftAlertThreshold($orgId: ID!, $percent: Int!) {\n    setSoftAlertThreshold(orgId: $orgId, percent: $percent) {\n      id\n      softAlertThresholdPercent\n    }\n  }\n"): (typeof documents)["\n  mutation SetSoftAlertThreshold($orgId: ID!, $percent: Int!) {\n    setSoftAlertThreshold(orgId: $orgId, percent: $percent) {\n      id\n      softAlertThresholdPercent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SpaceItem on Space {\n    id\n    name\n  }\n"): (typeof documents)["\n  fragment SpaceItem on Space {\n    id\n    name\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameSpace($orgId: ID!, $spaceId: ID!, $name: String!) {\n    renameSpace(orgId: $orgId, spaceId: $spaceId, name: $name) {\n      ...SpaceItem\n    }\n  }\n"): (typeof documents)["\n  mutation RenameSpace($orgId: ID!, $spaceId: ID!, $name: String!) {\n    renameSpace(orgId: $orgId, spaceId: $spaceId, name: $name) {\n      ...SpaceItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UsageAlertItem on UsageAlert {\n    id\n    scope\n    targetId\n    thresholdPercent\n    notifyRoles\n    triggered\n    lastTriggeredAt\n  }\n"): (typeof documents)["\n  fragment UsageAlertItem on UsageAlert {\n    id\n    scope\n    targetId\n    thresholdPercent\n    notifyRoles\n    triggered\n    lastTriggeredAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgUsageAlerts($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      usageAlerts {\n        ...UsageAlertItem\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgUsageAlerts($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      usageAlerts {\n        ...UsageAlertItem\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteUsageAlert($orgId: ID!, $alertId: ID!) {\n    deleteUsageAlert(orgId: $orgId, alertId: $alertId)\n  }\n"): (typeof documents)["\n  mutation DeleteUsageAlert($orgId: ID!, $alertId: ID!) {\n    deleteUsageAlert(orgId: $orgId, alertId: $alertId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookDeliveryItem on WebhookDelivery {\n    id\n    eventId\n    eventType\n    endpointId\n    status\n    attempts\n    lastAttemptAt\n    lastResponseStatus\n    lastError\n    nextAttemptAt\n    createdAt\n  }\n"): (typeof documents)["\n  fragment WebhookDeliveryItem on WebhookDelivery {\n    id\n    eventId\n    eventType\n    endpointId\n    status\n    attempts\n    lastAttemptAt\n    lastResponseStatus\n    lastError\n    nextAttemptAt\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgWebhookDeliveries($orgId: ID!, $first: Int!, $after: String) {\n    org(id: $orgId) {\n      id\n      webhookDeliveries(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...WebhookDeliveryItem\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgWebhookDeliveries($orgId: ID!, $first: Int!, $after: String) {\n    org(id: $orgId) {\n      id\n      webhookDeliveries(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...WebhookDeliveryItem\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeliverWebhook($orgId: ID!, $deliveryId: ID!) {\n    redeliverWebhook(orgId: $orgId, deliveryId: $deliveryId) {\n      ...WebhookDeliveryItem\n    }\n  }\n"): (typeof documents)["\n  mutation RedeliverWebhook($orgId: ID!, $deliveryId: ID!) {\n    redeliverWebhook(orgId: $orgId, deliveryId: $deliveryId) {\n      ...WebhookDeliveryItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PingWebhookEndpoint($orgId: ID!, $endpointId: ID!) {\n    pingWebhookEndpoint(orgId: $orgId, endpointId: $endpointId) {\n      ...WebhookDeliveryItem\n    }\n  }\n"): (typeof documents)["\n  mutation PingWebhookEndpoint($orgId: ID!, $endpointId: ID!) {\n    pingWebhookEndpoint(orgId: $orgId, endpointId: $endpointId) {\n      ...WebhookDeliveryItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhookEndpoint($orgId: ID!, $endpointId: ID!) {\n    deleteWebhookEndpoint(orgId: $orgId, endpointId: $endpointId)\n  }\n"): (typeof documents)["\n  mutation DeleteWebhookEndpoint($orgId: ID!, $endpointId: ID!) {\n    deleteWebhookEndpoint(orgId: $orgId, endpointId: $endpointId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookEndpointItem on WebhookEndpoint {\n    id\n    url\n    eventTypes\n    createdAt\n    disabled\n    failingSince\n  }\n"): (typeof documents)["\n  fragment WebhookEndpointItem on WebhookEndpoint {\n    id\n    url\n    eventTypes\n    createdAt\n    disabled\n    failingSince\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgWebhookEndpoints($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      webhookEndpoints {\n        ...WebhookEndpointItem\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgWebhookEndpoints($orgId: ID!) {\n    org(id: $orgId) {\n      id\n      webhookEndpoints {\n        ...WebhookEndpointItem\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgRefusedCalls($orgId: ID!, $from: DateTime, $to: DateTime) {\n    org(id: $orgId) {\n      id\n      refusedCalls(from: $from, to: $to) {\n        total\n        byMember {\n          memberId\n          name\n          count\n        }\n        bySpace {\n          spaceId\n          name\n          count\n        }\n        byReason {\n          reason\n          description\n          count\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgRefusedCalls($orgId: ID!, $from: DateTime, $to: DateTime) {\n    org(id: $orgId) {\n      id\n      refusedCalls(from: $from, to: $to) {\n        total\n        byMember {\n          memberId\n          name\n          count\n        }\n        bySpace {\n          spaceId\n          name\n          count\n        }\n        byReason {\n          reason\n          description\n          count\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UsageEventItem on UsageEvent {\n    id\n    memberId\n    spaceId\n    model\n    credits\n    fromTopUp\n    fromMonthly\n    occurredAt\n    voidedAt\n    voidReason\n  }\n"): (typeof documents)["\n  fragment UsageEventItem on UsageEvent {\n    id\n    memberId\n    spaceId\n    model\n    credits\n    fromTopUp\n    fromMonthly\n    occurredAt\n    voidedAt\n    voidReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgUsageEvents($orgId: ID!, $first: Int!, $after: String) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        user {\n          id\n          name\n        }\n      }\n      spaces {\n        id\n        name\n      }\n      usageEvents(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...UsageEventItem\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrgUsageEvents($orgId: ID!, $first: Int!, $after: String) {\n    org(id: $orgId) {\n      id\n      members {\n        id\n        user {\n          id\n          name\n        }\n      }\n      spaces {\n        id\n        name\n      }\n      usageEvents(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            ...UsageEventItem\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VoidUsage($orgId: ID!, $eventId: ID!, $reason: String!) {\n    voidUsage(orgId: $orgId, eventId: $eventId, reason: $reason) {\n      ...UsageEventItem\n    }\n  }\n"): (typeof documents)["\n  mutation VoidUsage($orgId: ID!, $eventId: ID!, $reason: String!) {\n    voidUsage(orgId: $orgId, eventId: $eventId, reason: $reason) {\n      ...UsageEventItem\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
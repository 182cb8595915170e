import { graphql } from "../gql";

export const CapRequestItemFields = graphql(`
  fragment CapRequestItem on CapIncreaseRequest {
    id
    capId
    currentLimit
    requestedLimit
    reason
    status
    createdAt
    decidedAt
    requestedBy {
      id
      user {
        id
        name
      }
    }
    decidedBy {
      id
      user {
        id
        name
      }
    }
  }
`);

// OWNER and ADMIN get every request of the org; a MEMBER their own (the server narrows it). Newest first.
export const OrgCapRequestsQuery = graphql(`
  query OrgCapRequests($orgId: ID!) {
    org(id: $orgId) {
      id
      capIncreaseRequests {
        ...CapRequestItem
      }
    }
  }
`);

export const RequestCapIncreaseMutation = graphql(`
  mutation RequestCapIncrease($orgId: ID!, $capId: ID!, $monthlyLimit: Int!, $reason: String!) {
    requestCapIncrease(orgId: $orgId, capId: $capId, monthlyLimit: $monthlyLimit, reason: $reason) {
      ...CapRequestItem
    }
  }
`);

import { describe, expect, it } from 'vitest';
import {
  handler,
  NoPartyError,
  type PreTokenGenerationEvent,
  partyClaimsOf,
} from '#functions/auth/pre-token-generation.ts';

const userEvent = (attributes: Record<string, string>): PreTokenGenerationEvent => ({
  triggerSource: 'TokenGeneration_Authentication',
  userName: 'someone',
  request: { userAttributes: attributes },
  response: { claimsAndScopeOverrideDetails: null },
});

const machineEvent = (scopes: string[]): PreTokenGenerationEvent => ({
  triggerSource: 'TokenGeneration_ClientCredentials',
  request: { userAttributes: {}, scopes },
  response: { claimsAndScopeOverrideDetails: null },
});

describe('pre-token-generation', () => {
  it('puts a person’s custom:party and custom:roles into the access and ID tokens', async () => {
    // GIVEN a VWS user holding the dglz role
    const event = userEvent({ 'custom:party': 'VWS', 'custom:roles': 'dglz, ministry' });
    // WHEN
    const answered = await handler(event);
    // THEN
    const claims = { party: 'VWS', roles: ['dglz', 'ministry'] };
    expect(answered.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: { claimsToAddOrOverride: claims },
      idTokenGeneration: { claimsToAddOrOverride: claims },
    });
  });

  it('gives a person without roles an empty roles claim', () => {
    // GIVEN / WHEN / THEN
    expect(partyClaimsOf(userEvent({ 'custom:party': 'ACTIZ' }))).toEqual({ party: 'ACTIZ', roles: [] });
  });

  it('refuses a token to a person whose party an administrator has not set', () => {
    // GIVEN a user without custom:party, WHEN / THEN
    expect(() => partyClaimsOf(userEvent({ email: 'a@example.org' }))).toThrow(NoPartyError);
  });

  it('reads a machine client’s party and roles from the scopes Cognito granted it', async () => {
    // GIVEN the VWS client's granted scopes
    const event = machineEvent(['parties/VWS/act', 'parties/VWS/ministry']);
    // WHEN
    const answered = await handler(event);
    // THEN only an access token is issued for client credentials
    expect(answered.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: { claimsToAddOrOverride: { party: 'VWS', roles: ['ministry'] } },
    });
  });

  it('never gives a machine the dglz role, even if a scope of that name were granted (issue 17, row 3)', async () => {
    // GIVEN a client credentials grant that (by a misconfiguration) carries parties/VWS/dglz
    const event = machineEvent(['parties/VWS/act', 'parties/VWS/dglz']);
    // WHEN
    const answered = await handler(event);
    // THEN the token carries the party, without the role that only a person may hold
    expect(answered.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: { claimsToAddOrOverride: { party: 'VWS', roles: [] } },
    });
  });

  it('refuses a machine token whose scopes name no party, or two', () => {
    // WHEN / THEN
    expect(() => partyClaimsOf(machineEvent(['openid']))).toThrow(/name no single party/);
    expect(() => partyClaimsOf(machineEvent(['parties/VWS/act', 'parties/ZIN/act']))).toThrow(NoPartyError);
  });

  it('reads a person’s party and roles from the groups party-<PARTY> and role-<role>', () => {
    const event = {
      triggerSource: 'TokenGeneration_Authentication',
      userName: 'u',
      request: { userAttributes: {}, groupConfiguration: { groupsToOverride: ['party-VWS', 'role-dglz'] } },
      response: {},
    };
    expect(partyClaimsOf(event)).toEqual({ party: 'VWS', roles: ['dglz'] });
  });

  it('refuses a person in the groups of two parties, naming them', () => {
    const event = {
      triggerSource: 'TokenGeneration_Authentication',
      userName: 'u',
      request: {
        userAttributes: { 'custom:party': 'CAK' },
        groupConfiguration: { groupsToOverride: ['party-VNG'] },
      },
      response: {},
    };
    expect(() => partyClaimsOf(event)).toThrow(/several parties \(VNG, CAK\)/);
  });
});

/**
 * Who can reach the system in the cloud on behalf of a party: its systems' machine client and its
 * people's accounts. When a party's membership ends (withdrawal, art. 10), both are closed.
 */

/** What closing a party's machine client did. */
export interface MachineClientClosure {
  /** The app client that can no longer get tokens; undefined when the party had none. */
  readonly clientId?: string;
  /** Whether the handed-over secret (Secrets Manager) was found and marked as ended. */
  readonly secretMarked: boolean;
}

export interface AccessDirectory {
  /**
   * Stops the party's machine client from getting tokens (client credentials) and marks its
   * handed-over secret as ended on `effectiveOn`, removing the working client secret from it.
   * Idempotent.
   */
  closeMachineClient(party: string, effectiveOn: string): Promise<MachineClientClosure>;
  /**
   * Disables every person who acts for the party and signs them out everywhere (their refresh
   * tokens stop working). Returns how many people it disabled. Idempotent.
   */
  disablePeople(party: string): Promise<number>;
}

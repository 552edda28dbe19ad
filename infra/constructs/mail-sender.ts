/**
 * The SES v2 sender of the procedure's e-mails: the identity of `mailFrom` (its domain with
 * Easy DKIM, or the single address) and a configuration set that requires TLS and keeps
 * bounces and complaints off the list. Only what `grantSend()` is given may send.
 */
import { ArnFormat, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailSenderProps {
  /** The From address of every e-mail, e.g. `besluitvorming@istandaarden.nl`. */
  readonly mailFrom: string;
  /**
   * What SES verifies: the address's whole `domain` (DKIM-signed; publish the three CNAME
   * records in the outputs) or only the `email` address (SES mails it a verification link).
   * @default 'domain'
   */
  readonly identity?: 'domain' | 'email';
  /**
   * Receives the configuration set's bounce and complaint events (EventBridge, default bus).
   * @default - the events are not followed
   */
  readonly eventHandler?: IFunction;
}

/**
 * SES's own thresholds: it reviews an account above a 5% bounce rate or a 0.1% complaint rate
 * and may pause its sending; the alarms fire at half of each.
 */
export const BOUNCE_RATE_ALARM = 0.025;
export const COMPLAINT_RATE_ALARM = 0.0005;

const ADDRESS = /^[^\s@]+@([^\s@]+\.[^\s@]+)$/;

export class MailSender extends Construct {
  readonly mailFrom: string;
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  /** The bounce and complaint rates of the account (SES reputation metrics). */
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: MailSenderProps) {
    super(scope, id);
    const domain = ADDRESS.exec(props.mailFrom)?.[1];
    if (domain === undefined) {
      throw new Error(
        `MailSender ${this.node.path}: mailFrom '${props.mailFrom}' is not an e-mail address; set the context value mailFrom (cdk deploy -c mailFrom=name@example.org)`,
      );
    }
    if (props.identity !== undefined && props.identity !== 'domain' && props.identity !== 'email') {
      throw new Error(
        `MailSender ${this.node.path}: identity '${String(props.identity)}' is neither 'domain' nor 'email'; set the context value mailIdentity to one of them`,
      );
    }
    this.mailFrom = props.mailFrom;

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    if (props.eventHandler) this.followEvents(props.eventHandler);
    this.alarms = [
      this.reputationAlarm('BounceRate', 'Reputation.BounceRate', BOUNCE_RATE_ALARM),
      this.reputationAlarm('ComplaintRate', 'Reputation.ComplaintRate', COMPLAINT_RATE_ALARM),
    ];
    const byDomain = (props.identity ?? 'domain') === 'domain';
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: byDomain ? Identity.domain(domain) : Identity.email(props.mailFrom),
      configurationSet: this.configurationSet,
    });
    if (byDomain) {
      this.identity.dkimRecords.forEach((record, i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, {
          description: `DKIM CNAME ${i + 1} to publish in the DNS of ${domain}`,
          value: `${record.name} CNAME ${record.value}`,
        });
      });
    }
  }

  /** Bounces and complaints go to EventBridge's default bus, and from there to `handler`. */
  private followEvents(handler: IFunction): void {
    const bus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.eventBus(bus),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    new Rule(this, 'MailboxEvents', {
      description: "Bounces and complaints of the procedure's e-mails, to the mailbox records",
      eventPattern: {
        source: ['aws.ses'],
        detailType: ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [new LambdaFunction(handler, { retryAttempts: 8 })],
    });
  }

  private reputationAlarm(id: string, metricName: string, threshold: number): Alarm {
    return new Alarm(this, id, {
      alarmDescription: `SES ${metricName} above ${threshold * 100}%: SES may pause sending. Look at the mailbox records and the register's addresses.`,
      metric: new Metric({
        namespace: 'AWS/SES',
        metricName,
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** Lets `grantee` send from the identity through the configuration set (ses:SendEmail, ses:SendRawEmail). */
  grantSend(grantee: IGrantable): Grant {
    const configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    return this.identity.grantSendEmail(grantee).combine(
      Grant.addToPrincipal({
        grantee,
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resourceArns: [configurationSetArn],
      }),
    );
  }
}

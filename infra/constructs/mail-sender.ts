/**
 * The SES v2 sender of the procedure's e-mails: the identity of `mailFrom` (its domain with
 * Easy DKIM, or the single address) and a configuration set that requires TLS and keeps
 * bounces and complaints off the list. Only what `grantSend()` is given may send.
 */
import { ArnFormat, CfnOutput, Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
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
}

const ADDRESS = /^[^\s@]+@([^\s@]+\.[^\s@]+)$/;

export class MailSender extends Construct {
  readonly mailFrom: string;
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;

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

/**
 * The CDK app: instantiates the stacks (settings from context, see cdk.json) and checks them
 * with cdk-nag's AwsSolutions pack; a finding that is not acknowledged fails the synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readDeploymentContext } from '#infra/stacks/deployment-context.ts';
import { defineStacks } from '#infra/stacks/stacks.ts';

const app = new App();
// Account and region of the CLI's profile; without them the stacks are environment-agnostic.
defineStacks(app, readDeploymentContext(app.node), {
  account: process.env.CDK_DEFAULT_ACCOUNT,
  region: process.env.CDK_DEFAULT_REGION,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

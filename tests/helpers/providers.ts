// Providers into fake member accounts, for component specs.
import { Provider } from "@pulumi/aws/provider";

/** A provider that assumes the access role of `accountId`, as Accounts creates them. */
export function accountProvider(name: string, accountId: string): Provider {
  return new Provider(name, {
    region: "us-east-1",
    assumeRoles: [{ roleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, sessionName: "orgstrap" }],
  });
}

"""The account-settings custom resource's Lambda handler (templates/account-baseline.yaml, AccountSettingsFunction),
run against stubbed boto3 clients and a stubbed cfnresponse with Python's standard library only.

Run by tests/templates/accountSettingsHandler.test.ts, which extracts the inline code to the file named by
ORGSTRAP_HANDLER_FILE. Standalone: ORGSTRAP_HANDLER_FILE=/path/index.py python3 -m unittest <this file>.
"""
import importlib.util
import os
import sys
import time
import types
import unittest

ACCOUNT = "200000000004"
ARN = f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:orgstrap-account-settings"
HOME_PROPS = {
    "ServiceToken": ARN,
    "AccountWide": "true",
    "MinimumPasswordLength": "14",
    "PasswordReusePrevention": "24",
    "MaxPasswordAge": "90",
    "SecurityContactName": "Security Team",
    "SecurityContactTitle": "Security Operations",
    "SecurityContactEmail": "aws-security-contact@example.com",
    "SecurityContactPhone": "+1 555 0100",
}


class ClientError(Exception):
    """Stands in for botocore's ClientError."""


class Cloud:
    """Every AWS call the handler makes, in order, as (service, operation, kwargs); `fail` and `slow` script errors and delays."""

    def __init__(self):
        self.calls, self.fail, self.slow = [], {}, {}

    def client(self, service, **_):
        cloud = self

        class Client:
            def __getattr__(self, operation):
                def call(**kwargs):
                    cloud.calls.append((service, operation, kwargs))
                    if (service, operation) in cloud.slow:
                        time.sleep(cloud.slow[(service, operation)])
                    if (service, operation) in cloud.fail:
                        raise cloud.fail[(service, operation)]
                    return {}

                return call

        return Client()


class Responses:
    """cfnresponse's module: the constants and send(), with the real signature, recording each answer."""

    SUCCESS, FAILED = "SUCCESS", "FAILED"

    def __init__(self):
        self.sent = []

    def send(self, event, context, responseStatus, responseData, physicalResourceId=None, noEcho=False, reason=None):
        self.sent.append({"status": responseStatus, "data": responseData, "physicalResourceId": physicalResourceId, "reason": reason, "requestId": event.get("RequestId")})


class Context:
    def __init__(self, remaining_ms=60000):
        self.invoked_function_arn = ARN
        self.function_name = ARN.split(":")[-1]
        self._deadline = time.monotonic() + remaining_ms / 1000.0

    def get_remaining_time_in_millis(self):
        return int((self._deadline - time.monotonic()) * 1000)


def load_handler(cloud, responses):
    """Imports the handler afresh with the stubs in place of boto3 and cfnresponse."""
    boto3 = types.ModuleType("boto3")
    boto3.client = cloud.client
    cfn = types.ModuleType("cfnresponse")
    cfn.SUCCESS, cfn.FAILED, cfn.send = responses.SUCCESS, responses.FAILED, responses.send
    sys.modules["boto3"], sys.modules["cfnresponse"] = boto3, cfn
    spec = importlib.util.spec_from_file_location("orgstrap_account_settings", os.environ["ORGSTRAP_HANDLER_FILE"])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def event(request_type, **props):
    return {"RequestType": request_type, "RequestId": "req-1", "ResourceProperties": {**HOME_PROPS, **props}}


class AccountSettingsHandler(unittest.TestCase):
    def setUp(self):
        self.cloud, self.responses = Cloud(), Responses()
        self.handler = load_handler(self.cloud, self.responses).handler

    def answers(self):
        return [(r["status"], r["physicalResourceId"], r["reason"]) for r in self.responses.sent]

    def test_create_in_the_home_region_applies_every_setting_then_answers_success(self):
        self.handler(event("Create"), Context())
        self.assertEqual(
            self.cloud.calls,
            [
                ("ec2", "enable_ebs_encryption_by_default", {}),
                (
                    "iam",
                    "update_account_password_policy",
                    {
                        "MinimumPasswordLength": 14,
                        "RequireSymbols": True,
                        "RequireNumbers": True,
                        "RequireUppercaseCharacters": True,
                        "RequireLowercaseCharacters": True,
                        "AllowUsersToChangePassword": True,
                        "HardExpiry": False,
                        "PasswordReusePrevention": 24,
                        "MaxPasswordAge": 90,
                    },
                ),
                (
                    "s3control",
                    "put_public_access_block",
                    {
                        "AccountId": ACCOUNT,
                        "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True},
                    },
                ),
                (
                    "account",
                    "put_alternate_contact",
                    {
                        "AlternateContactType": "SECURITY",
                        "Name": "Security Team",
                        "Title": "Security Operations",
                        "EmailAddress": "aws-security-contact@example.com",
                        "PhoneNumber": "+1 555 0100",
                    },
                ),
            ],
        )
        self.assertEqual(self.answers(), [("SUCCESS", "orgstrap-account-settings", None)])

    def test_update_applies_the_new_values(self):
        self.handler(event("Update", MinimumPasswordLength="16", MaxPasswordAge="0"), Context())
        policy = [c for c in self.cloud.calls if c[0] == "iam"][0][2]
        self.assertEqual(policy["MinimumPasswordLength"], 16)
        # IAM reads an absent MaxPasswordAge as "never expires"; 0 is not a valid value.
        self.assertNotIn("MaxPasswordAge", policy)
        self.assertEqual(self.answers(), [("SUCCESS", "orgstrap-account-settings", None)])

    def test_other_regions_only_turn_on_ebs_encryption(self):
        self.handler(event("Create", AccountWide="false"), Context())
        self.assertEqual(self.cloud.calls, [("ec2", "enable_ebs_encryption_by_default", {})])
        self.assertEqual(self.answers(), [("SUCCESS", "orgstrap-account-settings", None)])

    def test_no_contact_email_sets_no_contact(self):
        self.handler(event("Create", SecurityContactEmail=""), Context())
        self.assertNotIn("account", [c[0] for c in self.cloud.calls])

    def test_delete_changes_nothing_and_answers_success(self):
        self.handler(event("Delete"), Context())
        self.assertEqual(self.cloud.calls, [])
        self.assertEqual(self.answers(), [("SUCCESS", "orgstrap-account-settings", None)])

    def test_an_aws_error_is_answered_failed_with_its_message_and_stops_there(self):
        self.cloud.fail[("iam", "update_account_password_policy")] = ClientError("AccessDenied: explicit deny in a service control policy")
        self.handler(event("Create"), Context())
        self.assertEqual([c[:2] for c in self.cloud.calls], [("ec2", "enable_ebs_encryption_by_default"), ("iam", "update_account_password_policy")])
        self.assertEqual(self.answers(), [("FAILED", "orgstrap-account-settings", "ClientError: AccessDenied: explicit deny in a service control policy")])

    def test_a_malformed_request_is_answered_failed(self):
        self.handler({"RequestType": "Create", "RequestId": "req-1"}, Context())
        self.assertEqual(self.cloud.calls, [])
        self.assertEqual(self.answers(), [("FAILED", "orgstrap-account-settings", "KeyError: 'ResourceProperties'")])

    def test_a_long_reason_is_cut_to_500_characters(self):
        self.cloud.fail[("ec2", "enable_ebs_encryption_by_default")] = ClientError("x" * 2000)
        self.handler(event("Create"), Context())
        self.assertEqual(len(self.responses.sent[0]["reason"]), 500)

    def test_an_imminent_lambda_timeout_is_answered_failed_once_and_the_late_result_dropped(self):
        # 6 s left: the guard fires after 1 s, while EC2 still hangs (1.5 s).
        self.cloud.slow[("ec2", "enable_ebs_encryption_by_default")] = 1.5
        self.handler(event("Create", AccountWide="false"), Context(remaining_ms=6000))
        self.assertEqual(self.answers(), [("FAILED", "orgstrap-account-settings", "timed out applying the account settings")])


if __name__ == "__main__":
    unittest.main()

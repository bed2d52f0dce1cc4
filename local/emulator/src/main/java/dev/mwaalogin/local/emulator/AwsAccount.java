package dev.mwaalogin.local.emulator;

import java.util.regex.Pattern;

/**
 * The account and region the emulator plays, and the ARNs that follow from them.
 *
 * @param id     twelve digits, e.g. {@code 123456789012}
 * @param region e.g. {@code us-east-1}
 */
record AwsAccount(String id, String region) {

    static final String DEFAULT_ID = "123456789012";
    private static final Pattern ID = Pattern.compile("\\d{12}");

    AwsAccount {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an AWS account id is 12 digits: " + id);
        }
    }

    /** How an AccessDenied message names the caller. */
    String callerArn(Principal caller) {
        return caller.arn(id);
    }

    /** The resource {@code airflow:CreateWebLoginToken} is granted on, one per environment and Airflow role. */
    String airflowRoleArn(String environment, String airflowRole) {
        return "arn:aws:airflow:" + region + ":" + id + ":role/" + environment + "/" + airflowRole;
    }

    String environmentArn(String environment) {
        return "arn:aws:airflow:" + region + ":" + id + ":environment/" + environment;
    }

    String secretArn(String nameWithSuffix) {
        return "arn:aws:secretsmanager:" + region + ":" + id + ":secret:" + nameWithSuffix;
    }
}

package dev.mwaalogin.aws;

import java.time.Instant;

/**
 * A freshly minted MWAA web login.
 *
 * @param environment     the environment it signs in to
 * @param webToken        the one-time token; secret, valid for 60 seconds
 * @param hostname        the Airflow web server's hostname, as MWAA answered it
 * @param iamIdentity     the IAM identity that minted it, or null
 * @param airflowIdentity the Airflow user it signs in as, or null
 * @param expiresAt       a conservative estimate of when the token expires
 * @param mwaaRequestId   MWAA's request id, for the log line
 */
public record WebLogin(String environment, String webToken, String hostname, String iamIdentity,
                       String airflowIdentity, Instant expiresAt, String mwaaRequestId) {

    @Override
    public String toString() {
        return "WebLogin[environment=" + environment + ", webToken=***, hostname=" + hostname + ", expiresAt="
                + expiresAt + "]";
    }
}

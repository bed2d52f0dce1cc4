/**
 * A small, dependency-free MWAA emulator: Amazon MWAA's {@code CreateWebLoginToken} (rest-json, SigV4 for
 * {@code airflow}) and the Airflow web server's {@code /aws_mwaa/aws-console-sso} sign-in page, on one loopback
 * address, with faults that can be switched on per environment.
 *
 * <h2>From tests</h2>
 * {@link dev.mwaalogin.local.emulator.MwaaEmulator#builder()}, then {@code start()}, {@code endpoint()},
 * {@code faults(env)}, {@code hits(env)} and {@code close()}. Clients sign with
 * {@link dev.mwaalogin.local.emulator.EmulatorCredentials#DEFAULT} (or a credential registered on the builder) and
 * must turn off MWAA's {@code env.} host prefix (Java: {@code SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION};
 * CLI and boto3: {@code AWS_DISABLE_HOST_PREFIX_INJECTION=true}).
 *
 * <h2>By hand</h2>
 * {@code mvn -q -pl local exec:java -Dexec.mainClass=dev.mwaalogin.local.emulator.MwaaEmulator
 * -Dexec.args="--env demo"}; {@code --help} lists the flags. While it runs, {@code /_emulator/} takes unsigned
 * control calls (see {@code AdminEndpoint}), e.g.
 * {@code curl -X PUT -d '{"kind":"status","status":503,"times":2}' http://127.0.0.1:4566/_emulator/faults/demo}.
 *
 * <h2>Worth knowing</h2>
 * <ul>
 *   <li>Under {@code UrlConnectionHttpClient}, the JDK's HttpURLConnection resends a request once by itself when
 *       the connection fails before an answer, so a single {@code reset()} is invisible to the caller; use
 *       {@code reset().times(2)} to make an attempt fail.</li>
 *   <li>The AWS SDK stores clock skew it learns from a "Signature expired" answer JVM-wide; a test that skews the
 *       emulator's clock should reset {@code SdkGlobalTime.setGlobalTimeOffset(0)} afterwards.</li>
 *   <li>The sign-in page's DOM contract for browser tests is described on {@code SsoPage}.</li>
 * </ul>
 */
package dev.mwaalogin.local.emulator;

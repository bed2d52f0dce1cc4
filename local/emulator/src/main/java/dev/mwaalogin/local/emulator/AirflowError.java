package dev.mwaalogin.local.emulator;

import java.util.List;

/**
 * An Airflow REST API refusal, before it takes the shape of the environment's Airflow version
 * ({@link AirflowApiShape#problem}): a status with Airflow 2's title and detail and Airflow 3's detail, or a list of
 * invalid fields in the request, which Airflow 2 answers with 400 and Airflow 3 with 422.
 */
final class AirflowError extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a field was refused, in Airflow 2's (marshmallow's) words and Airflow 3's (pydantic's). */
    enum Kind {
        UNKNOWN("Unknown field.", "extra_forbidden", "Extra inputs are not permitted"),
        MISSING("Missing data for required field.", "missing", "Field required"),
        NOT_DATETIME("Not a valid datetime.", "datetime_from_date_parsing",
                "Input should be a valid datetime with a time zone"),
        NOT_OBJECT("Not a valid mapping type.", "dict_type", "Input should be a valid dictionary"),
        NOT_STRING("Not a valid string.", "string_type", "Input should be a valid string"),
        NOT_BOOLEAN("Not a valid boolean.", "bool_parsing", "Input should be a valid boolean"),
        NOT_INTEGER("Not a valid integer.", "int_parsing", "Input should be a valid integer"),
        TOO_SMALL("Must be greater than or equal to the minimum.", "greater_than_equal",
                "Input should be greater than or equal to the minimum");

        final String airflow2;
        final String airflow3Type;
        final String airflow3;

        Kind(String airflow2, String airflow3Type, String airflow3) {
            this.airflow2 = airflow2;
            this.airflow3Type = airflow3Type;
            this.airflow3 = airflow3;
        }
    }

    /**
     * One refused field.
     *
     * @param location {@code body} or {@code query}
     * @param name     the field's name
     * @param kind     why
     */
    record Field(String location, String name, Kind kind) {
    }

    private final int status;
    private final String title;
    private final String detail;
    private final String airflow3Detail;
    private final List<Field> fields;

    private AirflowError(int status, String title, String detail, String airflow3Detail, List<Field> fields) {
        super(title, null, false, false); // no stack trace: these are answers, not bugs
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.airflow3Detail = airflow3Detail;
        this.fields = List.copyOf(fields);
    }

    /**
     * @param detail         Airflow 2's, null for none (as its PermissionDenied has)
     * @param airflow3Detail Airflow 3's {@code detail}
     */
    static AirflowError of(int status, String title, String detail, String airflow3Detail) {
        return new AirflowError(status, title, detail, airflow3Detail, List.of());
    }

    /** The same words in both: Airflow 3's detail is Airflow 2's, or its title when that has none. */
    static AirflowError of(int status, String title, String detail) {
        return of(status, title, detail, detail != null ? detail : title);
    }

    static AirflowError invalid(List<Field> fields) {
        return new AirflowError(400, "Bad Request", null, null, fields);
    }

    static AirflowError invalid(String location, String name, Kind kind) {
        return invalid(List.of(new Field(location, name, kind)));
    }

    /** Airflow 2's status; a refusal of fields is 422 on Airflow 3 instead. */
    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String detail() {
        return detail;
    }

    String airflow3Detail() {
        return airflow3Detail;
    }

    /** The refused fields; empty unless this is a validation refusal. */
    List<Field> fields() {
        return fields;
    }
}

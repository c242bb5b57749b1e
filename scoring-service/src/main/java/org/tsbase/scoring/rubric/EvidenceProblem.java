package org.tsbase.scoring.rubric;

/**
 * One reason evidence cannot be scored.
 *
 * @param field     the evidence path, e.g. {@code trainedStaff} or {@code trainings[1].date}
 * @param kind      what is wrong
 * @param message   in English
 * @param messageZh in Chinese (the API's default language)
 */
public record EvidenceProblem(String field, Kind kind, String message, String messageZh) {

    public enum Kind {
        /** A count below 0. */
        NEGATIVE,
        /** A count with decimals. */
        NOT_A_WHOLE_NUMBER,
        /** A part above its whole, e.g. more trained staff than staff. */
        PART_EXCEEDS_WHOLE,
        /** A whole of 0 that a rule divides by, e.g. enterprisesInPark = 0. */
        ZERO_DIVISOR,
        /** A value of the wrong JSON type. */
        WRONG_TYPE,
        /** A code outside the list API.md allows. */
        UNKNOWN_CODE,
        /** A date that is not an ISO yyyy-MM-dd date. */
        BAD_DATE
    }
}

package org.tsbase.application.form;

import java.util.Optional;

/**
 * 统一社会信用代码, GB 32100-2015: 18 characters of {@code 0-9 A-H J-N P Q R T U W X Y}; position 1 the registering
 * authority, 2 the kind of organisation, 3–8 the administrative division (digits), 9–17 the organisation code of
 * GB 11714 (8 characters and its own check character), 18 the check character over positions 1–17.
 */
public final class CreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    /** Why a code is invalid, as a message code. */
    public enum Problem {
        FORMAT("v.credit-code.format"),
        ORGANIZATION_CHECK("v.credit-code.org-check"),
        CHECK("v.credit-code.check");

        public final String code;

        Problem(String code) {
            this.code = code;
        }
    }

    private CreditCode() {
    }

    public static boolean isValid(String code) {
        return check(code).isEmpty();
    }

    public static Optional<Problem> check(String code) {
        if (code == null || code.length() != 18) {
            return Optional.of(Problem.FORMAT);
        }
        for (int i = 0; i < 18; i++) {
            char c = code.charAt(i);
            boolean ok = i >= 2 && i < 8 ? c >= '0' && c <= '9' : ALPHABET.indexOf(c) >= 0;
            if (!ok) {
                return Optional.of(Problem.FORMAT);
            }
        }
        if (organizationCheck(code.substring(8, 16)) != code.charAt(16)) {
            return Optional.of(Problem.ORGANIZATION_CHECK);
        }
        if (checkCharacter(code.substring(0, 17)) != code.charAt(17)) {
            return Optional.of(Problem.CHECK);
        }
        return Optional.empty();
    }

    /** The 18th character for the first 17. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** GB 11714's check character of an 8-character organisation code body (letters count A=10 … Z=35). */
    public static char organizationCheck(String body8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body8.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * ORG_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    /** A valid code from its first 16 characters (for demo data and tests). */
    public static String complete(String first16) {
        String first17 = first16 + organizationCheck(first16.substring(8, 16));
        return first17 + checkCharacter(first17);
    }
}

package org.tsbase.events;

import java.util.Optional;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters of the standard's alphabet (digits and capitals without I, O, Z,
 * S, V), an administrative division code in positions 3–8, the organisation code of GB 11714 with its own check
 * character in positions 9–17, and a check character in position 18.
 *
 * <p>Part of the contracts: every event that names an organisation names it by this code, and both intake and the
 * contact book validate it with this one implementation.
 */
public final class CreditCode {

    /** The alphabet of GB 32100-2015; a character's value is its index. */
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORGANIZATION_CODE_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    /** Why a code is not valid, in the order the checks run. */
    public enum Defect {
        LENGTH, CHARACTER, DIVISION, ORGANIZATION_CODE_CHECK, CHECK_CHARACTER
    }

    private CreditCode() {
    }

    public static boolean isValid(String code) {
        return defect(code).isEmpty();
    }

    /** The first defect found, or empty when the code is valid. */
    public static Optional<Defect> defect(String code) {
        if (code == null || code.length() != 18) {
            return Optional.of(Defect.LENGTH);
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Optional.of(Defect.CHARACTER);
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return Optional.of(Defect.DIVISION);
            }
        }
        if (organizationCodeCheck(code.substring(8, 16)) != code.charAt(16)) {
            return Optional.of(Defect.ORGANIZATION_CODE_CHECK);
        }
        if (checkCharacter(code.substring(0, 17)) != code.charAt(17)) {
            return Optional.of(Defect.CHECK_CHARACTER);
        }
        return Optional.empty();
    }

    /** The 18th character for the first 17 (GB 32100-2015, 31 - Σ(value × weight) mod 31). */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /**
     * The check character of an organisation code body of 8 characters (GB 11714: 11 - Σ(value × weight) mod 11,
     * 10 written X, 11 written 0); letters count A = 10 … Z = 35 there.
     */
    public static char organizationCodeCheck(String body8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body8.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * ORGANIZATION_CODE_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    /** A valid code from its first 16 characters (for demo data and tests). */
    public static String complete(String first16) {
        String first17 = first16 + organizationCodeCheck(first16.substring(8, 16));
        return first17 + checkCharacter(first17);
    }
}

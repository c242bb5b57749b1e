package org.tsbase.support.privacy;

/** Masks personal data for those without a need to see it. */
public final class Masking {

    private Masking() {
    }

    /** {@code 13812345678} → {@code 138****5678}; other numbers keep only their last four digits. */
    public static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return phone;
        }
        String p = phone.strip();
        if (p.length() >= 11) {
            return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
        }
        if (p.length() > 4) {
            return "*".repeat(p.length() - 4) + p.substring(p.length() - 4);
        }
        return "*".repeat(p.length());
    }

    /** {@code 张三} → {@code 张*}, {@code 欧阳小明} → {@code 欧***}. */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        int first = name.codePointAt(0);
        int rest = name.codePointCount(0, name.length()) - 1;
        return new String(Character.toChars(first)) + "*".repeat(Math.max(rest, 1));
    }

    /** {@code zhang.san@example.com} → {@code z***@example.com}. */
    public static String email(String email) {
        if (email == null || !email.contains("@")) {
            return email;
        }
        int at = email.indexOf('@');
        return (at > 0 ? email.substring(0, 1) : "") + "***" + email.substring(at);
    }
}

package org.tsbase.application.form;

import java.util.regex.Pattern;

/** Postal codes, phone numbers and e-mail addresses as the forms take them. */
public final class Formats {

    private static final Pattern POSTAL_CODE = Pattern.compile("\\d{6}");
    /** 11 digits, 13x–19x. */
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    /** {@code 010-88797656}, {@code 0512-6788123}, {@code 88797656}, optionally an extension {@code -123}. */
    private static final Pattern LANDLINE = Pattern.compile("(0\\d{2,3}-)?[2-9]\\d{6,7}(-\\d{1,6})?");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9_%+-]+(\\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}");
    static final int EMAIL_MAX = 100;

    private Formats() {
    }

    public static boolean postalCode(String s) {
        return s != null && POSTAL_CODE.matcher(s).matches();
    }

    public static boolean mobile(String s) {
        return s != null && MOBILE.matcher(s).matches();
    }

    public static boolean landline(String s) {
        return s != null && LANDLINE.matcher(s).matches();
    }

    /** What the form's 联系电话 accepts: a mainland mobile number or a landline. */
    public static boolean phone(String s) {
        return mobile(s) || landline(s);
    }

    public static boolean email(String s) {
        return s != null && s.length() <= EMAIL_MAX && EMAIL.matcher(s).matches();
    }
}

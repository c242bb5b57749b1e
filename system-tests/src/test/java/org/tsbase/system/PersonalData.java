package org.tsbase.system;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The personal data the system tests gave the system (contacts' mobile numbers and e-mail addresses): none of it may
 * appear in any log line of the stack ({@link WholeSystemLogsIT}).
 */
final class PersonalData {

    private static final Set<String> MOBILES = ConcurrentHashMap.newKeySet();
    private static final Set<String> EMAILS = ConcurrentHashMap.newKeySet();

    private PersonalData() {
    }

    static void mobile(String number) {
        MOBILES.add(number);
    }

    static void email(String address) {
        EMAILS.add(address);
    }

    static Set<String> mobiles() {
        return Set.copyOf(MOBILES);
    }

    static Set<String> emails() {
        return Set.copyOf(EMAILS);
    }
}

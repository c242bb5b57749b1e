package org.tsbase.system.faults;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.tsbase.events.CreditCode;
import org.tsbase.system.Forms;

/** What the load sends: a call open now, a contact per organisation, a complete 示范点 application (附件2). */
final class ApplicantForms {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private ApplicantForms() {
    }

    /** Distinct valid 统一社会信用代码 for one run: 91 110107, a random 3-character prefix, a counter. */
    static final class CreditCodes {
        private final String prefix;
        private final AtomicLong next = new AtomicLong();

        CreditCodes() {
            SecureRandom random = new SecureRandom();
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                p.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            prefix = p.toString();
        }

        String next() {
            long rest = next.getAndIncrement();
            char[] counter = new char[5];
            for (int i = 4; i >= 0; i--) {
                counter[i] = ALPHABET.charAt((int) (rest % 31));
                rest /= 31;
            }
            return CreditCode.complete("91110107" + prefix + new String(counter));
        }
    }

    /** The system tests' open call (quota 3 points, 1 zone), titled for the fault suite. */
    static Map<String, Object> openCall(String callId) {
        Map<String, Object> call = Forms.openCall(callId, 3);
        call.put("title", "故障测试批次 " + callId);
        return call;
    }

    /** The system tests' contact (附件6), without their remarks. */
    static Map<String, Object> contact(String name, String email) {
        Map<String, Object> contact = Forms.contact(name, email);
        contact.remove("remarks");
        return contact;
    }

    /** A complete 示范点 application (附件2): every item of 附件4, total 100.00. */
    static Map<String, Object> pointApplication(String callId, String creditCode, String name) {
        return Forms.pointApplication(callId, creditCode, name, Forms.fullPointEvidence());
    }
}

package org.tsbase.bench;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.tsbase.events.CreditCode;

/**
 * Distinct valid 统一社会信用代码 (GB 32100-2015) for a run: {@code 91} (enterprise), {@code 110107} (石景山区), an
 * organisation code body of 3 characters fixed per run and 5 counting up (31⁵ ≈ 28 million per run), then the two
 * check characters from event-contracts' {@link CreditCode}.
 */
public final class CreditCodes {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static final long PER_RUN = 31L * 31 * 31 * 31 * 31;

    private final String runPrefix;
    private final AtomicLong next = new AtomicLong();

    public CreditCodes(String runPrefix) {
        if (runPrefix.length() != 3 || runPrefix.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)) {
            throw new IllegalArgumentException("a run prefix is 3 characters of " + ALPHABET);
        }
        this.runPrefix = runPrefix;
    }

    /** A random run prefix: two runs share one with a chance of 1 in 29,791. */
    public static CreditCodes forNewRun() {
        SecureRandom random = new SecureRandom();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            prefix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new CreditCodes(prefix.toString());
    }

    public String next() {
        return code(next.getAndIncrement());
    }

    String code(long n) {
        if (n < 0 || n >= PER_RUN) {
            throw new IllegalStateException("no more codes in this run");
        }
        char[] counter = new char[5];
        long rest = n;
        for (int i = 4; i >= 0; i--) {
            counter[i] = ALPHABET.charAt((int) (rest % 31));
            rest /= 31;
        }
        return CreditCode.complete("91110107" + runPrefix + new String(counter));
    }
}

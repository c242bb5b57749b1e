package org.tsbase.scoring.rubric;

import java.util.ArrayList;
import java.util.List;

/** Splits a rule into tokens; any character outside the small rule language is refused here. */
final class RuleLexer {

    enum Kind { NUMBER, PERCENT, IDENT, TEXT, OPERATOR, LPAREN, RPAREN, END }

    record Token(Kind kind, String text, int position) {
    }

    static final int MAX_LENGTH = 500;
    private static final int MAX_NAME = 100;
    private static final int MAX_DIGITS = 18;

    private RuleLexer() {
    }

    static List<Token> tokens(String source) throws RuleSyntaxException {
        if (source.length() > MAX_LENGTH) {
            throw new RuleSyntaxException(MAX_LENGTH, "rule is longer than " + MAX_LENGTH + " characters");
        }
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (isAsciiDigit(c)) {
                int start = i;
                while (i < n && isAsciiDigit(source.charAt(i))) {
                    i++;
                }
                if (i < n && source.charAt(i) == '.') {
                    i++;
                    if (i >= n || !isAsciiDigit(source.charAt(i))) {
                        throw new RuleSyntaxException(i, "a number needs digits after the decimal point");
                    }
                    while (i < n && isAsciiDigit(source.charAt(i))) {
                        i++;
                    }
                }
                String digits = source.substring(start, i);
                if (digits.replace(".", "").length() > MAX_DIGITS) {
                    throw new RuleSyntaxException(start, "number has more than " + MAX_DIGITS + " digits");
                }
                if (i < n && source.charAt(i) == '%') {
                    i++;
                    tokens.add(new Token(Kind.PERCENT, digits, start));
                } else {
                    tokens.add(new Token(Kind.NUMBER, digits, start));
                }
                if (i < n && isNameStart(source.charAt(i))) {
                    throw new RuleSyntaxException(i, "a name cannot start right after a number");
                }
            } else if (isNameStart(c)) {
                int start = i;
                while (true) {
                    while (i < n && isNamePart(source.charAt(i))) {
                        i++;
                    }
                    if (i < n && source.charAt(i) == '.' && i + 1 < n && isNameStart(source.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    break;
                }
                if (i < n && source.charAt(i) == '.') {
                    throw new RuleSyntaxException(i, "'.' must be followed by a field name");
                }
                if (i - start > MAX_NAME) {
                    throw new RuleSyntaxException(start, "name is longer than " + MAX_NAME + " characters");
                }
                String name = source.substring(start, i);
                if (name.equals("new")) {
                    throw new RuleSyntaxException(start, "creating objects is not allowed");
                }
                int after = i;
                while (after < n && source.charAt(after) == ' ') {
                    after++;
                }
                if (after < n && source.charAt(after) == '(' && !name.equals("contains")) {
                    throw new RuleSyntaxException(start, "calls are not allowed: " + name + "(...)");
                }
                tokens.add(new Token(Kind.IDENT, name, start));
            } else if (c == '\'' || c == '"') {
                int start = i;
                int end = source.indexOf(c, i + 1);
                if (end < 0) {
                    throw new RuleSyntaxException(start, "text is not closed with " + c);
                }
                String text = source.substring(i + 1, end);
                for (int k = 0; k < text.length(); k++) {
                    char t = text.charAt(k);
                    if (!(isNamePart(t) || t == '-')) {
                        throw new RuleSyntaxException(start + 1 + k, "a code may hold only letters, digits, '_' and '-'");
                    }
                }
                tokens.add(new Token(Kind.TEXT, text, start));
                i = end + 1;
            } else if (c == '(') {
                tokens.add(new Token(Kind.LPAREN, "(", i++));
            } else if (c == ')') {
                tokens.add(new Token(Kind.RPAREN, ")", i++));
            } else {
                String two = i + 1 < n ? source.substring(i, i + 2) : "";
                switch (two) {
                    case "&&", "||", "==", "!=", "<=", ">=" -> {
                        tokens.add(new Token(Kind.OPERATOR, two, i));
                        i += 2;
                        continue;
                    }
                    default -> {
                    }
                }
                switch (c) {
                    case '+', '-', '*', '/', '<', '>', '!' -> tokens.add(new Token(Kind.OPERATOR, String.valueOf(c), i++));
                    case '=' -> throw new RuleSyntaxException(i, "assignment is not allowed (compare with ==)");
                    case '&' -> throw new RuleSyntaxException(i, "use && for 'and'");
                    case '|' -> throw new RuleSyntaxException(i, "use || for 'or'");
                    default -> throw new RuleSyntaxException(i, "character '" + printable(c) + "' is not allowed in a rule");
                }
            }
        }
        tokens.add(new Token(Kind.END, "", n));
        return tokens;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isAsciiDigit(c);
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}

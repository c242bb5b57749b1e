package org.tsbase.scoring.rubric;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.tsbase.scoring.rubric.RuleLexer.Kind;
import org.tsbase.scoring.rubric.RuleLexer.Token;

/**
 * An automatic rule of a rubric sub-item, compiled from its text, e.g.
 * {@code enterprisesVisited / enterprisesInPark >= 20%} or {@code mechanisms contains 'PERSONNEL'}.
 *
 * <p>Why a small language of our own rather than SpEL: rubrics are uploaded by administrators and
 * stored, so a rule must never be a way to run code. SpEL is a general language whose reach into Java
 * (types, constructors, methods, bean references, assignment) has to be switched off piece by piece,
 * and its safety then rests on every such switch and on every future SpEL version. This recursive-descent
 * parser instead only knows literals, catalogued fact names, {@code + - * /}, comparisons,
 * {@code && || !}, {@code contains} and parentheses: there is no path from a rule to a class, a method
 * or an object, so there is nothing to forbid. It also evaluates numbers as exact fractions, so
 * "25% exactly" never scores under 超过 25% through a rounding error, and it type-checks every rule when
 * the rubric is loaded, so a typo is refused on upload instead of silently scoring 0.
 *
 * <p>Grammar (lowest precedence first; comparisons do not chain):
 * <pre>
 * or      := and ('||' and)*
 * and     := compare ('&amp;&amp;' compare)*
 * compare := sum (('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' | 'contains') sum)?
 * sum     := product (('+' | '-') product)*
 * product := unary (('*' | '/') unary)*
 * unary   := ('!' | '-') unary | primary
 * primary := number | number '%' | 'code' | true | false | factName | '(' or ')'
 * </pre>
 */
final class Rule {

    enum Type { BOOLEAN, NUMBER, CODE, CODES }

    private static final int MAX_DEPTH = 30;

    private final String source;
    private final Node root;
    private final Set<String> factNames;
    private final Set<String> divisorFacts;

    private Rule(String source, Node root) {
        this.source = source;
        this.root = root;
        Set<String> names = new LinkedHashSet<>();
        Set<String> divisors = new LinkedHashSet<>();
        collect(root, names, divisors);
        this.factNames = Collections.unmodifiableSet(names);
        this.divisorFacts = Collections.unmodifiableSet(divisors);
    }

    /** Parses and type-checks a rule against the facts a rubric of {@code type} may name. */
    static Rule compile(String source, RubricType type) throws RuleSyntaxException {
        Parser parser = new Parser(RuleLexer.tokens(source), type);
        Node root = parser.parseRule();
        Type result = typeOf(root);
        if (result != Type.BOOLEAN) {
            throw new RuleSyntaxException(0, "a rule must be a yes/no condition, not a " + result.name().toLowerCase());
        }
        return new Rule(source, root);
    }

    String source() {
        return source;
    }

    /** The facts this rule reads, in order of appearance. */
    Set<String> factNames() {
        return factNames;
    }

    /** Facts used directly as a divisor: a value of 0 there is invalid evidence. */
    Set<String> divisorFacts() {
        return divisorFacts;
    }

    /**
     * Evaluates the rule; both sides of {@code &&} and {@code ||} are always evaluated so that a zero
     * divisor is found whatever the other conditions say.
     *
     * @param facts fact name → {@link Boolean}, {@link Fraction} or {@code Set<String>}
     * @throws ArithmeticException on division by zero
     */
    boolean test(Function<String, Object> facts) {
        return (Boolean) eval(root, facts);
    }

    private static Object eval(Node node, Function<String, Object> facts) {
        if (node instanceof Node.Literal literal) {
            return literal.value();
        }
        if (node instanceof Node.FactRef ref) {
            return facts.apply(ref.fact().name());
        }
        if (node instanceof Node.Unary unary) {
            Object v = eval(unary.operand(), facts);
            return unary.operator().equals("!") ? !(Boolean) v : ((Fraction) v).negate();
        }
        Node.Binary b = (Node.Binary) node;
        Object l = eval(b.left(), facts);
        Object r = eval(b.right(), facts);
        switch (b.operator()) {
            case "&&":
                return (Boolean) l && (Boolean) r;
            case "||":
                return (Boolean) l || (Boolean) r;
            case "contains":
                return ((Set<?>) l).contains(r);
            case "==":
                return compareEqual(l, r);
            case "!=":
                return !compareEqual(l, r);
            case "+":
                return ((Fraction) l).plus((Fraction) r);
            case "-":
                return ((Fraction) l).minus((Fraction) r);
            case "*":
                return ((Fraction) l).times((Fraction) r);
            case "/":
                return ((Fraction) l).dividedBy((Fraction) r);
            default:
                int c = ((Fraction) l).compareTo((Fraction) r);
                switch (b.operator()) {
                    case "<":
                        return c < 0;
                    case "<=":
                        return c <= 0;
                    case ">":
                        return c > 0;
                    case ">=":
                        return c >= 0;
                    default:
                        throw new IllegalStateException("unknown operator " + b.operator());
                }
        }
    }

    private static boolean compareEqual(Object l, Object r) {
        if (l instanceof Fraction lf) {
            return lf.compareTo((Fraction) r) == 0;
        }
        return l.equals(r);
    }

    private static Type typeOf(Node node) throws RuleSyntaxException {
        if (node instanceof Node.Literal literal) {
            Object v = literal.value();
            return v instanceof Boolean ? Type.BOOLEAN : v instanceof Fraction ? Type.NUMBER : Type.CODE;
        }
        if (node instanceof Node.FactRef ref) {
            return switch (ref.fact().kind()) {
                case BOOLEAN -> Type.BOOLEAN;
                case CODES -> Type.CODES;
                case COUNT, AMOUNT, DERIVED_COUNT -> Type.NUMBER;
            };
        }
        if (node instanceof Node.Unary unary) {
            Type t = typeOf(unary.operand());
            Type want = unary.operator().equals("!") ? Type.BOOLEAN : Type.NUMBER;
            expect(unary.operand(), t, want, "'" + unary.operator() + "'");
            return want;
        }
        Node.Binary b = (Node.Binary) node;
        Type l = typeOf(b.left());
        Type r = typeOf(b.right());
        String op = "'" + b.operator() + "'";
        switch (b.operator()) {
            case "&&", "||" -> {
                expect(b.left(), l, Type.BOOLEAN, op);
                expect(b.right(), r, Type.BOOLEAN, op);
                return Type.BOOLEAN;
            }
            case "contains" -> {
                expect(b.left(), l, Type.CODES, op);
                expect(b.right(), r, Type.CODE, op);
                if (b.left() instanceof Node.FactRef ref && b.right() instanceof Node.Literal code
                        && !ref.fact().codes().contains(code.value())) {
                    throw new RuleSyntaxException(b.right().position(), "'" + code.value() + "' is not a code of "
                            + ref.fact().name() + " (allowed: " + String.join(", ", new java.util.TreeSet<>(ref.fact().codes())) + ")");
                }
                return Type.BOOLEAN;
            }
            case "==", "!=" -> {
                if (l == Type.CODE || l == Type.CODES) {
                    throw new RuleSyntaxException(b.left().position(), "codes can only be tested with contains");
                }
                expect(b.right(), r, l, op);
                return Type.BOOLEAN;
            }
            case "<", "<=", ">", ">=" -> {
                expect(b.left(), l, Type.NUMBER, op);
                expect(b.right(), r, Type.NUMBER, op);
                return Type.BOOLEAN;
            }
            default -> {
                expect(b.left(), l, Type.NUMBER, op);
                expect(b.right(), r, Type.NUMBER, op);
                return Type.NUMBER;
            }
        }
    }

    private static void expect(Node node, Type actual, Type wanted, String where) throws RuleSyntaxException {
        if (actual != wanted) {
            String what = actual == Type.CODE ? "a code text" : "a " + actual.name().toLowerCase();
            throw new RuleSyntaxException(node.position(),
                    where + " needs a " + wanted.name().toLowerCase() + " here, found " + what);
        }
    }

    private static void collect(Node node, Set<String> names, Set<String> divisors) {
        if (node instanceof Node.FactRef ref) {
            names.add(ref.fact().name());
        } else if (node instanceof Node.Unary unary) {
            collect(unary.operand(), names, divisors);
        } else if (node instanceof Node.Binary b) {
            collect(b.left(), names, divisors);
            collect(b.right(), names, divisors);
            if (b.operator().equals("/") && b.right() instanceof Node.FactRef divisor) {
                divisors.add(divisor.fact().name());
            }
        }
    }

    /** Recursive descent over the token list; every name is looked up in the catalog as it is read. */
    private static final class Parser {

        private final List<Token> tokens;
        private final RubricType type;
        private int next;
        private int depth;

        Parser(List<Token> tokens, RubricType type) {
            this.tokens = tokens;
            this.type = type;
        }

        Node parseRule() throws RuleSyntaxException {
            if (peek().kind() == Kind.END) {
                throw new RuleSyntaxException(0, "rule is empty");
            }
            Node node = or();
            Token extra = peek();
            if (extra.kind() != Kind.END) {
                if (extra.kind() == Kind.LPAREN) {
                    throw new RuleSyntaxException(extra.position(), "calls are not allowed");
                }
                throw new RuleSyntaxException(extra.position(), "unexpected '" + extra.text() + "'");
            }
            return node;
        }

        private Node or() throws RuleSyntaxException {
            enter();
            Node left = and();
            while (isOperator("||")) {
                Token op = advance();
                left = new Node.Binary("||", left, and(), op.position());
            }
            depth--;
            return left;
        }

        private Node and() throws RuleSyntaxException {
            Node left = compare();
            while (isOperator("&&")) {
                Token op = advance();
                left = new Node.Binary("&&", left, compare(), op.position());
            }
            return left;
        }

        private Node compare() throws RuleSyntaxException {
            Node left = sum();
            if (isComparison()) {
                Token op = advance();
                Node right = sum();
                if (isComparison()) {
                    throw new RuleSyntaxException(peek().position(), "comparisons do not chain; join them with && ");
                }
                return new Node.Binary(op.text(), left, right, op.position());
            }
            return left;
        }

        private Node sum() throws RuleSyntaxException {
            Node left = product();
            while (isOperator("+") || isOperator("-")) {
                Token op = advance();
                left = new Node.Binary(op.text(), left, product(), op.position());
            }
            return left;
        }

        private Node product() throws RuleSyntaxException {
            Node left = unary();
            while (isOperator("*") || isOperator("/")) {
                Token op = advance();
                left = new Node.Binary(op.text(), left, unary(), op.position());
            }
            return left;
        }

        private Node unary() throws RuleSyntaxException {
            if (isOperator("!") || isOperator("-")) {
                Token op = advance();
                enter();
                Node operand = unary();
                depth--;
                return new Node.Unary(op.text(), operand, op.position());
            }
            return primary();
        }

        private Node primary() throws RuleSyntaxException {
            Token t = advance();
            switch (t.kind()) {
                case NUMBER:
                    return new Node.Literal(Fraction.of(new BigDecimal(t.text())), t.position());
                case PERCENT:
                    return new Node.Literal(Fraction.of(new BigDecimal(t.text()).movePointLeft(2)), t.position());
                case TEXT:
                    return new Node.Literal(t.text(), t.position());
                case LPAREN: {
                    Node inner = or();
                    Token close = advance();
                    if (close.kind() != Kind.RPAREN) {
                        throw new RuleSyntaxException(close.position(), "')' expected");
                    }
                    return inner;
                }
                case IDENT:
                    return name(t);
                case END:
                    throw new RuleSyntaxException(t.position(), "rule ends too early");
                default:
                    throw new RuleSyntaxException(t.position(), "unexpected '" + t.text() + "'");
            }
        }

        private Node name(Token t) throws RuleSyntaxException {
            switch (t.text()) {
                case "true":
                    return new Node.Literal(Boolean.TRUE, t.position());
                case "false":
                    return new Node.Literal(Boolean.FALSE, t.position());
                case "contains":
                    throw new RuleSyntaxException(t.position(), "contains needs a list of codes on its left");
                default:
                    break;
            }
            FactDefinition fact = FactCatalog.find(type, t.text()).orElseThrow(() -> new RuleSyntaxException(
                    t.position(), "unknown fact '" + t.text() + "' for a " + type + " rubric"));
            return new Node.FactRef(fact, t.position());
        }

        private void enter() throws RuleSyntaxException {
            if (++depth > MAX_DEPTH) {
                throw new RuleSyntaxException(peek().position(), "rule is nested more than " + MAX_DEPTH + " levels deep");
            }
        }

        private boolean isComparison() {
            Token t = peek();
            return (t.kind() == Kind.OPERATOR && List.of("==", "!=", "<", "<=", ">", ">=").contains(t.text()))
                    || (t.kind() == Kind.IDENT && t.text().equals("contains"));
        }

        private boolean isOperator(String op) {
            Token t = peek();
            return t.kind() == Kind.OPERATOR && t.text().equals(op);
        }

        private Token peek() {
            return tokens.get(next);
        }

        private Token advance() {
            Token t = tokens.get(next);
            if (t.kind() != Kind.END) {
                next++;
            }
            return t;
        }
    }

    @Override
    public String toString() {
        return source;
    }
}

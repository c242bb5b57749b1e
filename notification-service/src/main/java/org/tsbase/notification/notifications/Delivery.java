package org.tsbase.notification.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands one notification to its channel and says how it went. Errors are described without addresses, so that they
 * can be stored and shown (the SMTP server's replies may quote the recipient).
 */
@Component
class Delivery {

    static final String SMS_NOT_CONFIGURED = "SMS 通道未配置";
    static final String NO_ADDRESS = "联络人未登记该渠道的地址";
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");

    private final JavaMailSender mail;
    private final SenderProperties sender;
    private final Optional<SmsSender> sms;

    Delivery(JavaMailSender mail, SenderProperties sender, ObjectProvider<SmsSender> sms) {
        this.mail = mail;
        this.sender = sender;
        this.sms = Optional.ofNullable(sms.getIfAvailable());
    }

    Outcome deliver(Notification n) {
        if (n.address() == null) {
            return Outcome.permanent(NO_ADDRESS);
        }
        return switch (n.channel()) {
            case EMAIL -> email(n);
            case SMS -> sms.map(s -> text(s, n)).orElse(Outcome.permanent(SMS_NOT_CONFIGURED));
        };
    }

    private Outcome email(Notification n) {
        MimeMessage message;
        try {
            message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            if (sender.fromName() == null || sender.fromName().isBlank()) {
                helper.setFrom(sender.from());
            } else {
                helper.setFrom(sender.from(), sender.fromName());
            }
            helper.setTo(n.address());
            helper.setSubject(n.subject());
            helper.setText(n.body(), false);
        } catch (MessagingException | UnsupportedEncodingException | MailParseException | MailPreparationException e) {
            return Outcome.permanent(describe(e));
        }
        try {
            mail.send(message);
            return Outcome.SENT;
        } catch (MailException e) {
            return Outcome.retry(describe(e));
        }
    }

    private static Outcome text(SmsSender sms, Notification n) {
        try {
            sms.send(n.address(), n.subject() + "\n" + n.body());
            return Outcome.SENT;
        } catch (RuntimeException e) {
            return Outcome.retry(describe(e));
        }
    }

    /** The innermost cause, by type and message, with any e-mail address blotted out; at most 300 characters. */
    static String describe(Throwable e) {
        Throwable t = e;
        if (e instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
            t = send.getFailedMessages().values().iterator().next();
        }
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage().strip());
        text = ADDRESS.matcher(text.replaceAll("\\s+", " ")).replaceAll("***");
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    /** How an attempt went: sent, failed for now (retry later) or failed for good. */
    record Outcome(boolean sent, boolean permanent, String error) {

        static final Outcome SENT = new Outcome(true, false, null);

        static Outcome retry(String error) {
            return new Outcome(false, false, error);
        }

        static Outcome permanent(String error) {
            return new Outcome(false, true, error);
        }
    }
}

package org.tsbase.notification.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Backoff, attempt limits, ids and error texts: the rules of delivery, without a mail server. */
class DeliveryRulesTest {

    final DeliveryProperties properties = new DeliveryProperties(6, Duration.ofSeconds(30), Duration.ofMinutes(30),
            Duration.ofSeconds(10), Duration.ofMinutes(2), 100);

    @ParameterizedTest(name = "after {0} failed attempt(s): wait {1}, FAILED: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1  | PT30S | false
            2  | PT1M  | false
            3  | PT2M  | false
            5  | PT8M  | false
            6  | PT16M | true
            7  | PT30M | true
            40 | PT30M | true
            """)
    void backoffDoublesUpToTheLimitAndTheSixthFailureIsFinal(int attempts, Duration pause, boolean exhausted) {
        assertThat(properties.backoffAfter(attempts)).isEqualTo(pause);
        assertThat(properties.exhausted(attempts)).isEqualTo(exhausted);
    }

    @Test
    void idsAreDeterministicPerEventContactAndChannel() {
        String id = NotificationIds.of("event-1", "contact-1", Channel.EMAIL);
        assertThat(id).hasSize(32).isEqualTo(NotificationIds.of("event-1", "contact-1", Channel.EMAIL));
        assertThat(List.of(NotificationIds.of("event-2", "contact-1", Channel.EMAIL),
                NotificationIds.of("event-1", "contact-2", Channel.EMAIL),
                NotificationIds.of("event-1", "contact-1", Channel.SMS),
                NotificationIds.of("event-1contact-1", "", Channel.EMAIL))).doesNotContain(id).doesNotHaveDuplicates();
    }

    @Test
    void errorTextsNameTheCauseButNoAddress() {
        var refused = new MailSendException("Mail server connection failed",
                new MessagingException("Couldn't connect to host", new java.net.ConnectException("Connection refused")));
        assertThat(Delivery.describe(refused)).isEqualTo("ConnectException: Connection refused");

        var rejected = new MailSendException(Map.of(new Object(),
                new MessagingException("550 5.1.1 <zhangsan@example.com>: Recipient address rejected")));
        assertThat(Delivery.describe(rejected)).contains("550 5.1.1", "Recipient address rejected")
                .doesNotContain("zhangsan", "example.com");
        assertThat(Delivery.describe(new RuntimeException("x".repeat(1000)))).hasSize(300);
    }

    @Test
    void smsWithoutASenderAndAMissingAddressFailForGood() {
        Delivery delivery = new Delivery(new JavaMailSenderImpl(),
                new SenderProperties("noreply@tsbase.local", "石景山区市场监督管理局"),
                new StaticListableBeanFactory().getBeanProvider(SmsSender.class));
        assertThat(delivery.deliver(notification(Channel.SMS, "13812345678")))
                .isEqualTo(Delivery.Outcome.permanent("SMS 通道未配置"));
        assertThat(delivery.deliver(notification(Channel.EMAIL, null)))
                .isEqualTo(Delivery.Outcome.permanent(Delivery.NO_ADDRESS));
    }

    static Notification notification(Channel channel, String address) {
        return new Notification("n1", "e1", "t", "91110107MA01B2C34M", "app-1", "c1", "张三", channel, address,
                "subject", "body", NotificationStatus.PENDING, 0, null, null, null, null, null, "claim", List.of());
    }
}

package org.tsbase.application.call;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.tsbase.events.ApplicationType;

/**
 * The call of the 2023 notice (../shared/seed), created once when missing (idempotent; {@code
 * tsbase.calls.seed-reference=false} turns it off). It is reference data, not demo data: the notice's window,
 * review period, quotas and rubrics, with which the 2023 results can always be recomputed and compared.
 */
@Component
@ConditionalOnProperty(name = "tsbase.calls.seed-reference", havingValue = "true", matchIfMissing = true)
public class ReferenceCalls implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReferenceCalls.class);

    /**
     * 申报时间截止至 2023 年 5 月 31 日; 审核推荐 2023 年 7 月至 8 月中旬; 示范点 3 个, 示范区 1 个; 石景山区 is 110107; the sealed form and the 承诺 are required. The notice gives no
     * opening day: 2023-05-01 is assumed (the month of 自主申报, "2023 年 5 月底").
     */
    /** The 承诺 applicants of the reference calls accept when submitting (申报表 申报单位意见). */
    public static final String DECLARATION = "本单位承诺所填报信息及提交材料真实、准确、完整，不存在虚假记载、误导性陈述或重大遗漏，"
            + "并对其真实性负责；如有不实，愿承担相应责任。";

    public static final CallRules.Definition SJS_2023 = new CallRules.Definition(
            "sjs-2023",
            "北京市2023年度商业秘密保护示范基地（示范区、示范点）申报",
            "石景山区",
            2023,
            LocalDate.of(2023, 5, 1).atStartOfDay(Call.ZONE).toInstant(),
            LocalDate.of(2023, 5, 31).atTime(LocalTime.of(23, 59, 59)).atZone(Call.ZONE).toInstant(),
            LocalDate.of(2023, 7, 1),
            LocalDate.of(2023, 8, 15),
            Map.of(ApplicationType.POINT, 3, ApplicationType.ZONE, 1),
            Map.of(ApplicationType.POINT, "sjs-point-2023", ApplicationType.ZONE, "sjs-zone-2023"),
            new Call.Period(LocalDate.of(2022, 6, 1), LocalDate.of(2023, 5, 31)),
            "110107", true, DECLARATION);

    private final CallService calls;

    ReferenceCalls(CallService calls) {
        this.calls = calls;
    }

    @Override
    public void run(ApplicationArguments args) {
        calls.createIfAbsent(SJS_2023).ifPresent(c -> log.info("reference call {} created", c.callId()));
    }
}

package org.tsbase.gateway.problem;

import java.util.Set;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;

/**
 * Requests Netty's HTTP decoder refuses never reach WebFlux: a URL over the line limit (414), headers over
 * their limit (431), a bare CR or LF in a header, conflicting {@code Content-Length}s, a bad chunk size
 * (400); and Spring's adapter refuses a URL it cannot parse ({@code %zz}) the same way. Both answer with an
 * empty body; this handler, at the
 * end of each connection's pipeline, gives that answer the gateway's problem+json body (issue 8, hostile
 * corpus). Nothing of the request is known by then (not even a request id or the client's language): the
 * problem is in Chinese and has no {@code instance}.
 */
@Component
class DecodingFailureProblems implements NettyServerCustomizer {

    static final String HANDLER_NAME = "tsbase.decodingFailureProblems";
    private static final Set<Integer> DECODER_STATUSES = Set.of(400, 414, 431);

    private final ProblemResponses problems;

    DecodingFailureProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        ChannelHandler handler = new Handler(problems);
        return server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(HANDLER_NAME) == null) {
                channel.pipeline().addLast(HANDLER_NAME, handler);
            }
        });
    }

    /**
     * What Reactor Netty writes for a decoding failure (and Spring's adapter for a URL it cannot parse, such as
     * {@code %zz}): an empty full response. The gateway's own errors always have a body.
     */
    static boolean isDecodingFailureResponse(FullHttpResponse response) {
        return DECODER_STATUSES.contains(response.status().code())
                && response.content().readableBytes() == 0
                && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
    }

    @ChannelHandler.Sharable
    static final class Handler extends ChannelOutboundHandlerAdapter {

        private final ProblemResponses problems;

        Handler(ProblemResponses problems) {
            this.problems = problems;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof FullHttpResponse response && isDecodingFailureResponse(response)) {
                byte[] body = problems.withoutRequest(response.status().code());
                FullHttpResponse problem = response.replace(Unpooled.wrappedBuffer(body));
                response.release();
                problem.headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                        .set(HttpHeaderNames.CONTENT_LANGUAGE, ProblemResponses.DEFAULT_LOCALE.toLanguageTag())
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE); // nothing more on a broken stream
                ctx.write(problem, promise);
                return;
            }
            ctx.write(msg, promise);
        }
    }
}

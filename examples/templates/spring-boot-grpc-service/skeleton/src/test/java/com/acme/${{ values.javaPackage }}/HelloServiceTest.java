package com.acme.${{ values.javaPackage }};

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.${{ values.javaPackage }}.v1.HelloReply;
import com.acme.${{ values.javaPackage }}.v1.HelloRequest;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelloServiceTest {
    @Test
    void greets() {
        List<HelloReply> replies = new ArrayList<>();
        new HelloService().hello(HelloRequest.newBuilder().setName("Acme").build(), new StreamObserver<>() {
            public void onNext(HelloReply value) { replies.add(value); }
            public void onError(Throwable t) { throw new AssertionError(t); }
            public void onCompleted() {}
        });
        assertThat(replies).extracting(HelloReply::getMessage).containsExactly("Hello, Acme");
    }
}

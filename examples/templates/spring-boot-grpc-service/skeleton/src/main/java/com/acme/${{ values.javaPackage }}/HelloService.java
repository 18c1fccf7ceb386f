package com.acme.${{ values.javaPackage }};

import com.acme.${{ values.javaPackage }}.v1.HelloReply;
import com.acme.${{ values.javaPackage }}.v1.HelloRequest;
import com.acme.${{ values.javaPackage }}.v1.${{ values.javaPackage | capitalize }}ServiceGrpc;
import io.grpc.stub.StreamObserver;
import net.devh.boot.grpc.server.service.GrpcService;

@GrpcService
public class HelloService extends ${{ values.javaPackage | capitalize }}ServiceGrpc.${{ values.javaPackage | capitalize }}ServiceImplBase {
    @Override
    public void hello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
        responseObserver.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName()).build());
        responseObserver.onCompleted();
    }
}

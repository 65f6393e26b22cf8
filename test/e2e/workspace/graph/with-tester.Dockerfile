# The last stage is the target: it needs builder (by a mount) and certs (by a copy);
# tester builds on builder but the target never needs it.
FROM golang:1.22 AS builder
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM builder AS tester
RUN go test ./...

FROM alpine:3.20 AS certs
RUN apk add --no-cache ca-certificates

FROM alpine:3.20 AS runtime
COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
RUN --mount=type=bind,from=builder,source=/out,target=/mnt cp /mnt/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]

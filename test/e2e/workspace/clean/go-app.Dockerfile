# Every stage is used by the target; nothing here should be reported.
ARG GO_VERSION=1.22

FROM golang:${GO_VERSION} AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM alpine:3.20 AS certs
RUN apk add --no-cache ca-certificates

FROM alpine:3.20 AS runtime
COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
RUN --mount=type=bind,from=builder,source=/out,target=/mnt cp /mnt/app /usr/local/bin/app
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/app"]

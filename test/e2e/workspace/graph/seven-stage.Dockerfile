# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22

FROM golang:${GO_VERSION} AS deps
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download

FROM deps AS build
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM deps AS test
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build go test ./...

FROM golangci/golangci-lint:v1.59 AS lint
WORKDIR /src
COPY --from=deps /go/pkg/mod /go/pkg/mod
RUN --mount=from=build,source=/src,target=/src golangci-lint run

FROM python:3.12-slim AS docs
RUN pip install mkdocs
COPY docs/ /docs/
RUN mkdocs build -f /docs/mkdocs.yml -d /site

FROM alpine:3.20 AS certs
RUN apk add --no-cache ca-certificates

FROM gcr.io/distroless/static-debian12 AS final
COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/server /server
COPY --from=docs /site /srv/docs
USER nonroot
ENTRYPOINT ["/server"]

FROM python:3.12 AS builder
RUN apt-get update && apt-get install -y --no-install-recommends build-essential
WORKDIR /app
RUN python -m venv /app/venv
COPY requirements.txt .
RUN /app/venv/bin/pip install -r requirements.txt

# One stage that builds its venv and ships the compilers with it.
FROM python:3.12
WORKDIR /app
COPY --from=builder /app/venv /app/venv
ENV PATH=/app/venv/bin:$PATH
#^^ cursor
COPY . .
CMD ["/app/venv/bin/python", "-m", "app"]

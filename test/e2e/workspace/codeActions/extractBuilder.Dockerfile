# One stage that builds its venv and ships the compilers with it.
FROM python:3.12
RUN apt-get update && apt-get install -y --no-install-recommends build-essential
WORKDIR /app
RUN python -m venv /app/venv
COPY requirements.txt .
RUN /app/venv/bin/pip install -r requirements.txt
#^^ cursor
COPY . .
CMD ["/app/venv/bin/python", "-m", "app"]

# xlsrc serve in a container: slim Python, LibreOffice (Calc, headless) for the PDF status sheets.
#   docker build -t xlsrc .
#   docker run -d -p 127.0.0.1:8750:8750 -v xlsrc-data:/data xlsrc
#   docker exec <container> xlsrc serve token add NAME --organisation ORG
# Jobs and the hashed token file live in the /data volume; the service listens on plain HTTP
# and belongs behind the county's TLS-terminating reverse proxy (README: "The service").
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    XLSRC_DATA=/data

RUN apt-get update \
    && apt-get install -y --no-install-recommends libreoffice-calc-nogui fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin xlsrc \
    && mkdir /data && chown xlsrc:xlsrc /data

WORKDIR /src
# what the wheel is built from: the package, and the add-in sources it bundles (setup.py)
COPY pyproject.toml setup.py MANIFEST.in README.md LICENSE ./
COPY macros ./macros
COPY officejs/src ./officejs/src
COPY officejs/package.json officejs/package-lock.json ./officejs/
COPY xlsrc ./xlsrc
RUN pip install --no-cache-dir . && cd / && rm -rf /src

WORKDIR /data

USER xlsrc
VOLUME /data
EXPOSE 8750
HEALTHCHECK --interval=30s --timeout=5s \
    CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8750/healthz', timeout=4)"
# exec form: the service is PID 1 and gets docker stop's SIGTERM (graceful: running jobs finish)
ENTRYPOINT ["xlsrc", "serve", "--host", "0.0.0.0", "--port", "8750"]

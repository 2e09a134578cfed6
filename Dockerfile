# The Switchboard controller. Asterisk runs elsewhere (your PBX, or the compose file's
# asterisk service); point ARI_URL at it and send calls to the Stasis app (asterisk-conf/).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN if [ -f scripts/build-portal.sh ]; then bash scripts/build-portal.sh; fi
# The controller runs compiled (dist/main.js): no TypeScript compiler at run time.
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
# pocketsphinx: speech dial-by-name and voicemail transcription; espeak-ng + sox: spoken
# names, written under RECORDINGS_DIR/names and fetched by Asterisk over HTTP (MEDIA_BASE_URL),
# so callers hear names with no further setting, whether Asterisk is local or remote.
RUN apt-get update && apt-get install -y --no-install-recommends pocketsphinx pocketsphinx-en-us espeak-ng sox \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /app
# On 0.0.0.0 start-up refuses the shipped ARI_PASSWORD, SEED_DEMO=1 and plain cookies:
# run it with your own ARI_PASSWORD and SECURE_COOKIES=1 behind HTTPS (docs/security.md).
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    DATABASE_URL=sqlite:/data/switchboard.db \
    RECORDINGS_DIR=/data/recordings \
    PORTAL_DIR=/app/portal/dist
# The `switchboard` command (init, users import, doctor) for `docker compose exec`.
RUN mkdir -p /data && chown node:node /data && ln -s /app/bin/switchboard.js /usr/local/bin/switchboard
VOLUME ["/data"]
EXPOSE 8080
USER node
CMD ["node", "--enable-source-maps", "dist/main.js"]

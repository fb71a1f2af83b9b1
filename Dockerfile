# syntax=docker/dockerfile:1
# The image that manifests/deploy/40-deployment.yaml runs: `sre-bot serve` as UID 10001 on a read-only root
# filesystem, with the SQLite store on the /data volume.
#
#   docker build -t registry.example.com/sre-bot:0.1.0 .
#
# Two stages: the build stage has the compilers that sqlite3's native addon needs and the dev dependencies that
# compile TypeScript; the runtime stage gets only dist/, the production node_modules and the files read at run
# time (prompts/, manifests/, the Slack console assets), on the slim image of the same Debian release so the
# addon's glibc matches.

FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `prepare` compiles TypeScript, so sources must be present before the install runs it.
COPY tsconfig.base.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY blocks ./blocks
COPY prompts ./prompts
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    STORE_URL=sqlite:///data/sre-bot.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY prompts ./prompts
COPY manifests ./manifests
COPY src/slack-emulator/console ./src/slack-emulator/console
USER 10001:10001
EXPOSE 3000
ENTRYPOINT ["node", "/app/bin/sre-bot.js"]
CMD ["serve"]

CREATE TABLE "webhooks" (
	"id" serial PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"api_token" text NOT NULL,
	"signing_secret" varchar(48)
);
